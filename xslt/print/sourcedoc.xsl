<?xml version="1.0" encoding="UTF-8"?>
<!--
  A transcription of the source as written (sourceDoc) on paper: each surface (a page) under
  its label, its zones in document order, one printed line per line with its number in the
  margin; changes of the writing (del, mod, metamark) followed by the hand that made them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:pr="urn:x-tei-edition:print"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="sourceDoc" mode="pr:text">
    <xsl:variable name="lang" select="ed:text-language(.)"/>
    <section class="text source-doc" lang="{$lang}">
      <h3 class="text-label">
        <xsl:value-of select="'The document as written' || (ed:language-name(., $lang)[$lang] ! (' (' || . || ')'))"/>
      </h3>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <xsl:template match="sourceDoc//surface | sourceDoc//surfaceGrp">
    <div class="surface">
      <h4 class="head surface-label"><xsl:value-of select="ed:surface-label(.)"/></h4>
      <xsl:apply-templates select="node() except (label | graphic)"/>
    </div>
  </xsl:template>

  <xsl:template match="sourceDoc//zone">
    <div class="zone">
      <xsl:if test="../zone[2] and (@type, @subtype)">
        <p class="line zone-label"><xsl:value-of select="string-join((@type, @subtype), ', ')"/></p>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="line">
    <p class="line source-line">
      <span class="line-number"><xsl:value-of select="ed:line-number(.)"/></span>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <!-- A deletion, a change or a mark on the page, then the hand that made it. -->
  <xsl:template match="del[@hand] | mod | metamark" priority="3">
    <xsl:next-match/>
    <xsl:for-each select="ed:hand-label(., @hand)[.]">
      <span class="hand"><xsl:value-of select="."/></span>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="mod | metamark">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="handShift"/>

</xsl:stylesheet>
