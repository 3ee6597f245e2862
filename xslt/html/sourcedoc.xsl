<?xml version="1.0" encoding="UTF-8"?>
<!--
  A transcription of the source as written (sourceDoc) in HTML: each surface (a page) under
  its label, its zones in document order, each line on a line of its own with its number in
  the margin; changes of the writing (add, del, mod, metamark) with the hand that made them.
  Genetic and documentary editions may have a sourceDoc and no text at all.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:h="urn:x-tei-edition:html"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template match="sourceDoc">
    <div class="{h:classes(.)} source-doc">
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="sourceDoc//surface | sourceDoc//surfaceGrp">
    <section class="{h:classes(.)} surface">
      <xsl:call-template name="h:id"/>
      <xsl:call-template name="h:lang"/>
      <h3 class="surface-label">{ed:surface-label(.)}</h3>
      <xsl:apply-templates select="node() except (label | graphic)"/>
    </section>
  </xsl:template>

  <!-- A zone under its kind ("margin"), when the surface has more than one. -->
  <xsl:template match="sourceDoc//zone">
    <div class="{h:classes(.)} zone">
      <xsl:call-template name="h:id"/>
      <xsl:call-template name="h:lang"/>
      <xsl:if test="../zone[2] and (@type, @subtype)">
        <p class="zone-label">{string-join((@type, @subtype), ', ')}</p>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <xsl:template match="line">
    <div class="{h:classes(.)} line">
      <xsl:call-template name="h:id"/>
      <xsl:call-template name="h:lang"/>
      <span class="line-number" aria-hidden="true">{ed:line-number(.)}</span>
      <span class="line-text">
        <xsl:apply-templates>
          <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </span>
    </div>
  </xsl:template>

  <!-- A change of the writing (a deletion and what replaced it), with its hand. -->
  <xsl:template match="mod">
    <span class="{h:classes(.)}" title="Changed{ed:hand-label(., @hand)[.] ! (' by ' || .)}">
      <xsl:sequence select="h:hand-attribute(.)"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A mark on the page saying how to read it (an insertion mark, a transposition …). -->
  <xsl:template match="metamark">
    <span class="{h:classes(.)}" title="{string-join(('Mark on the page', @function), ': ')}">
      <xsl:sequence select="h:hand-attribute(.)"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Where a new hand starts writing: its name, in the diplomatic view. -->
  <xsl:template match="handShift">
    <xsl:variable name="hand" select="ed:hand-label(., (@new, @scribe)[1])"/>
    <xsl:if test="$hand">
      <span class="{h:classes(.)} reading-hidden" data-hand="{$hand}"></span>
    </xsl:if>
  </xsl:template>

  <xsl:function name="h:hand-attribute" as="attribute()?">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="hand" select="ed:hand-label($element, $element/@hand)"/>
    <xsl:if test="$hand"><xsl:attribute name="data-hand" select="$hand"/></xsl:if>
  </xsl:function>

</xsl:stylesheet>
