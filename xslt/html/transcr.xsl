<?xml version="1.0" encoding="UTF-8"?>
<!--
  The "transcription" chapter in HTML: hands, additions, deletions, supplied text,
  abbreviations, gaps, stamps, spaces, sheet labels and bracket signs.
  Both views are in the page; edition.css shows one of them:
    diplomatic  deletions struck, insertions raised with their hand, handwriting marked,
                supplied words in brackets, [SIC], abbreviations as written;
    reading     deletions hidden, insertions in place, abbreviations expanded,
                supplied words plain.
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

  <!-- A handwritten passage; the members of a split passage share data-chain. -->
  <xsl:template match="seg[@type = 'handwritten']">
    <span class="{h:classes(.)} part-{ed:chain-part(.)}" data-chain="{ed:chain-id(.)}"
          title="{ed:chain-label(.)}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="add">
    <xsl:variable name="hand" select="ed:hand-label(., @hand)"/>
    <ins class="{h:classes(.)}" title="Inserted{$hand[.] ! (' by ' || .)}">
      <xsl:apply-templates/>
    </ins>
  </xsl:template>

  <xsl:template match="del">
    <del class="{h:classes(.)}" title="{if (@type = 'ocr') then 'Deleted in the digitised original' else 'Struck through'}">
      <xsl:apply-templates/>
    </del>
  </xsl:template>

  <xsl:template match="supplied">
    <span class="{h:classes(.)}" title="{if (@reason = 'identification') then 'Identified by the translator' else 'Supplied by the translator'}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="expan[ex]">
    <abbr class="{h:classes(.)}" title="{ed:plain(.)}">
      <xsl:apply-templates/>
    </abbr>
  </xsl:template>

  <xsl:template match="ex">
    <span class="{h:classes(.)}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="choice[sic and corr]">
    <span class="{h:classes(.)}">
      <xsl:apply-templates select="sic"/>
      <span class="{h:classes(corr)}" title="Corrected by the editors"><xsl:apply-templates select="corr/node()"/></span>
    </span>
  </xsl:template>

  <xsl:template match="sic">
    <span class="{h:classes(.)}" title="So in the source"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- The gap's description is the source's own wording, so it is shown, in brackets. -->
  <xsl:template match="gap">
    <span class="{h:classes(.)}" title="{string-join(('Gap', @reason), ': ')}">
      <xsl:choose>
        <xsl:when test="desc"><xsl:apply-templates select="desc/node()"/></xsl:when>
        <xsl:otherwise>{(@reason, '…')[1]}</xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <xsl:template match="unclear">
    <span class="{h:classes(.)}" title="Unclear{@reason ! (': ' || .)}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="stamp">
    <span class="{h:classes(.)}" title="Stamp"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Blank space: as wide as the source says, in characters. -->
  <xsl:template match="space">
    <xsl:variable name="width" select="if (@quantity castable as xs:integer and @unit = 'chars')
                                       then min((40, xs:integer(@quantity))) else 3"/>
    <span class="{h:classes(.)} rend-{(@rend, 'blank')[1]}" style="width:{$width}ch"
          title="Blank space{@quantity ! (' of ' || . || ' ' || (../@unit, 'units')[1])}"/>
  </xsl:template>

  <!-- The sheet label after a pb is shown by the pb itself, in the margin. -->
  <xsl:template match="fw[@type = 'sheet'][preceding-sibling::*[1][self::pb]]"/>

  <xsl:template match="seg[@type = ('unclassified', 'unbalanced')]">
    <span class="{h:classes(.)}" title="{if (@type = 'unbalanced') then 'An unmatched bracket, kept as written' else 'An unclassified sign, kept as written'}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

</xsl:stylesheet>
