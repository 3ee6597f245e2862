<?xml version="1.0" encoding="UTF-8"?>
<!--
  Phrase-level TEI on paper. Every editorial sign becomes <span class="sign sign-NAME">, NAME
  being the common layer's sign (ed:sign); edition.typ draws the sign around it, the same signs
  as the web edition's diplomatic view. Notes become footnotes (CSS float: footnote) numbered
  as the common layer numbers them; variants of the handwritten version become a second
  footnote series lettered a, b, c … per document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:pr="urn:x-tei-edition:print"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- A sign in running text: the span carries the sign's name, CSS its appearance. -->
  <xsl:template match="*[ed:behaviour(.) = 'inline'][ed:sign(.)]">
    <span class="sign sign-{ed:sign(.)}">
      <xsl:apply-templates select="@xml:lang"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="@xml:lang">
    <xsl:attribute name="lang" select="."/>
  </xsl:template>

  <!-- A handwritten passage split over blocks: the opening sign only on its first part,
       the closing sign only on its last. -->
  <xsl:template match="seg[ed:sign(.) = 'handwritten']" priority="2">
    <span class="sign sign-handwritten part-{ed:chain-part(.)}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- An insertion, then the hand that wrote it, named as the web edition names it
       (ed:hand-label), so a reader of the page needs nothing to hover. -->
  <xsl:template match="add" priority="2">
    <span class="sign sign-addition">
      <xsl:apply-templates select="@xml:lang"/>
      <xsl:apply-templates/>
    </span>
    <xsl:for-each select="ed:hand-label(., @hand)[.]">
      <span class="hand"><xsl:value-of select="."/></span>
    </xsl:for-each>
  </xsl:template>

  <!-- Diplomatic view: the abbreviation as written, the expansion marked as the editors'. -->
  <xsl:template match="ex" priority="2">
    <span class="ex"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="gap" priority="2">
    <span class="sign sign-gap">
      <xsl:value-of select="(desc[normalize-space()] ! normalize-space(.),
          normalize-space(string-join(text(), ''))[.], @reason ! string(.), 'gap')[1]"/>
    </span>
  </xsl:template>

  <!-- Blank lines between blocks: only those beyond the usual gap (ed:separator-lines), as on the
       web; the blocks already stand apart by that. -->
  <xsl:template match="space[@dim = 'vertical']" priority="3">
    <xsl:variable name="lines" select="(ed:blank-lines(.), 1)[1]"/>
    <xsl:if test="$lines gt 0"><div class="vertical-space" data-lines="{$lines}"/></xsl:if>
  </xsl:template>

  <xsl:template match="space" priority="2">
    <span class="sign sign-space rend-{ed:class-word((@rend, 'blank')[1])}"
        data-width="{max((1, (ed:blank-lines(.), 1)[1]))}"/>
  </xsl:template>

  <xsl:template match="choice[corr]" priority="3">
    <span class="sign sign-correction">
      <xsl:apply-templates select="corr"/>
    </span>
  </xsl:template>

  <xsl:template match="choice" priority="2">
    <xsl:apply-templates select="*[1]"/>
  </xsl:template>

  <!-- A pointer with no words of its own: its address, linked when it is a web address. -->
  <xsl:template match="ref[not(normalize-space()) and not(*)][normalize-space(@target)] | ptr[normalize-space(@target)]">
    <xsl:variable name="address" select="normalize-space(@target)"/>
    <xsl:choose>
      <xsl:when test="ed:web-link-target($address)">
        <a href="{ed:web-link-target($address)}"><xsl:value-of select="$address"/></a>
      </xsl:when>
      <xsl:otherwise><span class="pointer"><xsl:value-of select="$address"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A correction inside a word: kept on one line with the rest of the word. -->
  <xsl:template match="subst[ed:is-within-word(.)]">
    <span class="within-word"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A name that points into the authority lists: edition.typ records its page for the indices. -->
  <xsl:template match="persName[ed:entity-kind(@ref)] | orgName[ed:entity-kind(@ref)] | placeName[ed:entity-kind(@ref)]"
      priority="2">
    <span class="indexed" data-ref="{@ref}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A highlighted phrase in a style edition.typ draws (ed:styles); any other hi prints as text. -->
  <xsl:template match="hi[exists(ed:styles(.))]">
    <span class="{'tei-hi', ed:styles(.) ! ('style-' || .)}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="lb">
    <br/>
    <xsl:for-each select="ed:marked-number(normalize-space(@n))">
      <span class="line-number"><xsl:value-of select="."/></span>
    </xsl:for-each>
  </xsl:template>

  <!-- Footnotes: the call is where the note stands; the marker repeats the number. -->
  <xsl:template match="note[ed:is-text-note(.)][pr:is-inline(.)]" priority="2">
    <span class="footnote {ed:note-kind(.)}" data-mark="{ed:note-number(.)}">
      <xsl:apply-templates mode="pr:in-note"/>
    </span>
  </xsl:template>

  <!-- Inside a footnote everything is phrase-level: paragraphs become spaced runs. -->
  <xsl:template match="p" mode="pr:in-note">
    <span class="note-p"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="node()" mode="pr:in-note">
    <xsl:apply-templates select="."/>
  </xsl:template>

  <!-- A variant: the base text (lem) stays in the line; the readings go to the lettered
       apparatus at the foot of the page. -->
  <xsl:template match="app">
    <xsl:apply-templates select="lem/node()"/>
    <xsl:value-of select="ed:transmitted-title(.) ! ('[' || . || ']')"/>
    <span class="apparatus" data-mark="{pr:app-letter(.)}">
      <xsl:if test="normalize-space(lem)">
        <span class="lemma"><xsl:value-of select="ed:plain(lem)"/>]</span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <!-- A critical apparatus needs no label: "lemma] reading sigla", as editions print it. -->
      <xsl:if test="ed:app-kind(.) ne 'variant'">
        <span class="app-label"><xsl:value-of select="ed:app-label(.)"/>: </span>
      </xsl:if>
      <xsl:for-each select="ed:app-readings(.)">
        <xsl:if test="position() gt 1">; </xsl:if>
        <span class="reading"><xsl:apply-templates/><xsl:if test="not(normalize-space())"><i><xsl:value-of select="ed:wordless-reading(.)"/></i></xsl:if></span>
        <xsl:if test="@wit and ed:app-kind(ancestor::app[1]) eq 'variant'">
          <span class="wit"><xsl:value-of select="' ' || ed:witness-sigla(., @wit)"/></span>
        </xsl:if>
      </xsl:for-each>
      <!-- The editors' notes on the variant and on its witnesses end the entry. -->
      <xsl:for-each select="note | witDetail">
        <span class="app-note"><xsl:text> </xsl:text><xsl:apply-templates/></span>
      </xsl:for-each>
    </span>
  </xsl:template>

  <!-- a, b, … z, aa, ab …, counted per document (TEI root), by an accumulator: one pass over
       the document, where xsl:number level="any" counted back from every variant. -->
  <xsl:accumulator name="pr:app-count" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="TEI" select="0"/>
    <xsl:accumulator-rule match="app" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:function name="pr:app-letter" as="xs:string">
    <xsl:param name="app" as="element(app)"/>
    <xsl:sequence select="pr:letters($app/accumulator-before('pr:app-count'))"/>
  </xsl:function>

  <xsl:function name="pr:letters" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="alphabet" select="'abcdefghijklmnopqrstuvwxyz'"/>
    <xsl:variable name="last" select="substring($alphabet, ($n - 1) mod 26 + 1, 1)"/>
    <xsl:sequence select="if ($n le 26) then $last else pr:letters(($n - 1) idiv 26) || $last"/>
  </xsl:function>

</xsl:stylesheet>
