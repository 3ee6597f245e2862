<?xml version="1.0" encoding="UTF-8"?>
<!--
  The "transcription" chapter in HTML: hands, additions, deletions, supplied text,
  abbreviations, gaps, stamps, spaces, sheet labels and bracket signs.
  Both views are in the page; edition.css shows one of them:
    diplomatic  deletions struck, insertions raised with their hand, handwriting marked,
                abbreviations as written;
    reading     deletions hidden, insertions in place, abbreviations expanded.
  The editorial signs (ed:is-editorial: supplied words, identifications, [SIC], gaps, doubtful
  readings, corrections) are drawn with their brackets, as text, in both views.
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

  <!-- A handwritten passage; the members of a split passage share data-chain. The diplomatic
       view names the hand where the passage starts, readable without hovering. -->
  <xsl:template match="seg[@type = 'handwritten']">
    <span class="{h:classes(.)} part-{ed:chain-part(.)}" data-chain="{ed:chain-id(.)}"
          title="{ed:chain-label(.)}">
      <xsl:if test="ed:chain-part(.) = ('initial', 'whole')">
        <xsl:attribute name="data-hand" select="ed:hand-label(., @hand)"/>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- An insertion: in the diplomatic view between paired half brackets at body size, so a
       reader sees where it ends, then the hand that wrote it (edition.css draws both from
       data-hand, so copied text stays the document's). -->
  <xsl:template match="add">
    <xsl:variable name="hand" select="ed:hand-label(., @hand)"/>
    <ins class="{h:classes(.)}" title="Inserted{$hand[.] ! (' by ' || .)}">
      <xsl:if test="$hand"><xsl:attribute name="data-hand" select="$hand"/></xsl:if>
      <span class="inserted"><xsl:apply-templates/></span>
    </ins>
  </xsl:template>

  <!-- A correction (a deletion and what replaced it); inside a word it never breaks the word
       over two lines, whatever the diplomatic view draws in it. -->
  <xsl:template match="subst">
    <span class="{h:classes(.)}{' within-word'[ed:is-within-word(current())]}">
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="del">
    <del class="{h:classes(.)}" title="{if (@type = 'ocr') then 'Deleted in the digitised original' else 'Struck through'}">
      <xsl:sequence select="h:hand-attribute(.)"/>
      <xsl:apply-templates/>
    </del>
  </xsl:template>

  <xsl:template match="supplied">
    <span class="{h:classes(.)}" title="{if (@reason = 'identification') then 'Identified by the translator' else 'Supplied by the translator'}">
      <xsl:call-template name="h:bracketed"/>
    </span>
  </xsl:template>

  <!-- The content of an editorial sign between its brackets (ed:brackets), which are text:
       a reader copying the passage, and a screen reader, get them too. The content is written
       straight into the page (mode h:bracketed), not built apart and copied. -->
  <xsl:template name="h:bracketed">
    <xsl:variable name="brackets" select="ed:brackets(.)"/>
    <xsl:if test="$brackets[1]"><span class="ed-bracket">{$brackets[1]}</span></xsl:if>
    <xsl:apply-templates select="." mode="h:bracketed"/>
    <xsl:if test="$brackets[2]"><span class="ed-bracket">{$brackets[2]}</span></xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="h:bracketed">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- An abbreviation: the diplomatic view shows it as written; focus or a tap shows it in
       full (edition.css), so the expansion needs neither a mouse nor hovering. -->
  <xsl:template match="expan[ex]">
    <abbr class="{h:classes(.)}" title="{ed:plain(.)}" data-expansion="{ed:plain(.)}" tabindex="0">
      <xsl:apply-templates/>
    </abbr>
  </xsl:template>

  <xsl:template match="ex">
    <span class="{h:classes(.)}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="choice[sic and corr]">
    <span class="{h:classes(.)}">
      <xsl:apply-templates select="sic"/>
      <span class="{h:classes(corr)}" title="Corrected by the editors">
        <xsl:for-each select="corr"><xsl:call-template name="h:bracketed"/></xsl:for-each>
      </span>
    </span>
  </xsl:template>

  <xsl:template match="sic">
    <span class="{h:classes(.)}" title="So in the source"><xsl:call-template name="h:bracketed"/></span>
  </xsl:template>

  <!-- The gap's description is the source's own wording, so it is shown, in brackets. -->
  <xsl:template match="gap">
    <span class="{h:classes(.)}" title="{string-join(('Gap', @reason), ': ')}">
      <xsl:call-template name="h:bracketed"/>
    </span>
  </xsl:template>

  <xsl:template match="gap" mode="h:bracketed">
    <xsl:choose>
      <xsl:when test="desc"><xsl:apply-templates select="desc/node()"/></xsl:when>
      <xsl:otherwise>{(@reason, '…')[1]}</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="unclear">
    <span class="{h:classes(.)}" title="Unclear{@reason ! (': ' || .)}"><xsl:call-template name="h:bracketed"/></span>
  </xsl:template>

  <xsl:template match="stamp">
    <span class="{h:classes(.)}" title="Stamp"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Blank space: as wide as the source says, in characters; vertical space (a blank line
       between a letter's parts) as a gap between lines. Nothing is drawn in it: a blank is a
       blank, not a box. -->
  <xsl:template match="space">
    <xsl:variable name="quantity" select="ed:blank-lines(.)"/>
    <xsl:variable name="vertical" select="@dim = 'vertical'"/>
    <xsl:variable name="size" select="if (@unit = ('chars', 'char', 'character', 'characters', 'line', 'lines'))
        then ($quantity, 1)[1] else if ($vertical) then 1 else 3"/>
    <span class="{h:classes(.)} rend-{ed:class-word((@rend, 'blank')[1])}{' vertical'[$vertical]}"
          style="{if ($vertical) then 'height:' || $size * 1.5 || 'em' else 'width:' || $size || 'ch'}"
          title="Blank space{@quantity ! (' of ' || . || ' ' || (current()/@unit, 'units')[1])}"/>
  </xsl:template>

  <!-- A separator no wider than the usual blank line between blocks draws nothing. -->
  <xsl:template match="space[ed:usual-gap(.)]" priority="2"/>

  <!-- The sheet label after a pb is shown by the pb itself, in the margin. -->
  <xsl:template match="fw[@type = 'sheet'][preceding-sibling::*[1][self::pb]]"/>

  <xsl:template match="seg[@type = ('unclassified', 'unbalanced')]">
    <span class="{h:classes(.)}" title="{if (@type = 'unbalanced') then 'An unmatched bracket, kept as written' else 'An unclassified sign, kept as written'}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

</xsl:stylesheet>
