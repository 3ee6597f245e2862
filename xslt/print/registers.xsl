<?xml version="1.0" encoding="UTF-8"?>
<!--
  Registers on paper (xslt/common/registers.xsl): a compact list, one short paragraph per
  entry: the name in bold, then its facts run on, identifiers as links named by their kind.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:pr="urn:x-tei-edition:print"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="*[ed:is-register(.)]">
    <div class="register">
      <h4 class="register-heading"><xsl:value-of select="ed:register-heading(.)"/></h4>
      <xsl:apply-templates select="ed:register-entries(.)" mode="pr:register-entry"/>
    </div>
  </xsl:template>

  <xsl:template match="*[ed:is-register(.)]" mode="pr:register-entry">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <xsl:template match="*" mode="pr:register-entry">
    <p class="register-entry">
      <xsl:choose>
        <xsl:when test="ed:is-data-entry(.)">
          <b><xsl:value-of select="ed:entry-name(.)"/></b>
          <xsl:for-each select="ed:entry-fields(.)">
            <xsl:text>; </xsl:text>
            <xsl:for-each select="ed:field-label(.)[.]"><i><xsl:value-of select=". || ' '"/></i></xsl:for-each>
            <xsl:for-each select="ed:field-parts(.)">
              <xsl:if test="position() gt 1">, </xsl:if>
              <xsl:sequence select="pr:field-part(.)"/>
            </xsl:for-each>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <xsl:function name="pr:field-part" as="node()*">
    <xsl:param name="part" as="node()"/>
    <xsl:variable name="address" select="normalize-space($part)"/>
    <xsl:choose>
      <xsl:when test="$part/self::idno and ed:web-link-target($address)">
        <a href="{ed:web-link-target($address)}"><xsl:value-of select="ed:identifier-label($part)"/></a>
      </xsl:when>
      <xsl:when test="$part/self::idno">
        <xsl:value-of select="string-join((ed:identifier-label($part)[. ne $address], $address), ' ')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$address"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The header's registers (the persons of a play, the sources of an edition) and the
       witnesses of a critical apparatus after the texts, as parts of their own. -->
  <xsl:template name="pr:header-registers">
    <xsl:variable name="registers" select="ed:header-registers(.)"/>
    <xsl:if test="exists($registers)">
      <section class="text registers">
        <h3 class="text-label">Registers</h3>
        <xsl:apply-templates select="$registers"/>
      </section>
    </xsl:if>
    <xsl:if test="exists(ed:witness-lists(.))">
      <section class="text witnesses">
        <h3 class="text-label">Witnesses</h3>
        <xsl:apply-templates select="ed:witness-lists(.)" mode="pr:witnesses"/>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- A witness in one short paragraph: its siglum in bold, then its description. -->
  <xsl:template match="listWit" mode="pr:witnesses">
    <div class="register">
      <xsl:for-each select="head">
        <h4 class="register-heading"><xsl:apply-templates/></h4>
      </xsl:for-each>
      <xsl:apply-templates select="witness | listWit" mode="pr:witnesses"/>
    </div>
  </xsl:template>

  <xsl:template match="witness" mode="pr:witnesses">
    <p class="register-entry">
      <b><xsl:value-of select="ed:siglum(.)"/></b>
      <xsl:text> </xsl:text>
      <xsl:apply-templates select="node() except abbr[@type = 'siglum']"/>
    </p>
  </xsl:template>

</xsl:stylesheet>
