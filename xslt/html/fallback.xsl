<?xml version="1.0" encoding="UTF-8"?>
<!--
  Any TEI element no other module knows: its text is always rendered, in a span or div whose
  class names the element (tei-sp, tei-speaker, …), block or inline as ed:behaviour says.
  Only elements that hold no reading text (the header, facsimiles, stand-off data) are left out.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:h="urn:x-tei-edition:html"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="*" priority="-1">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="block" select="ed:behaviour(.) = ('block', 'heading', 'list')"/>
    <xsl:element name="{if ($block and not($phrasing)) then 'div' else 'span'}">
      <xsl:attribute name="class" select="h:classes(.) || ' block'[$block and $phrasing]"/>
      <!-- A block may be one a search hit points at (ed:text-blocks: a speaker, a stage direction …). -->
      <xsl:if test="$block"><xsl:call-template name="h:id"/></xsl:if>
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates>
        <xsl:with-param name="phrasing" select="$phrasing or not($block)" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <xsl:template match="teiHeader | facsimile | standOff"/>

</xsl:stylesheet>
