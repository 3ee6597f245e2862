<?xml version="1.0" encoding="UTF-8"?>
<!--
  Block-level TEI on paper: headings, paragraphs, opener and closer lines, lists, quotations,
  verse and drama (for third-party TEI), and the archive's sheet numbers in the margin.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:pr="urn:x-tei-edition:print"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template match="head">
    <h4 class="head"><xsl:apply-templates/></h4>
  </xsl:template>

  <xsl:template match="p | ab">
    <p class="{local-name(), ed:layout-classes(.)}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="opener | closer | postscript | trailer | argument | epigraph">
    <div class="{local-name(), ed:layout-classes(.)}"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- Lines of an opener or closer: one printed line each (a seg unless the TEI keeps it in the line). -->
  <xsl:template match="(opener | closer)/(salute | dateline | signed | seg[ed:behaviour(.) = 'block'] | byline | address)">
    <p class="line {local-name()} {@type ! ed:class-word(.)}{ed:layout-classes(.) ! (' ' || .)}"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- Between lines that are elements of their own the break is already there; in a closer that keeps its
       words as text ("Mit vielen Grüssen<lb/>Ihr ergebener") it is the only thing between two lines. -->
  <xsl:template match="(opener | closer)[not(text()[normalize-space()])]/lb" priority="2"/>

  <!-- An address, one printed line per addrLine. -->
  <xsl:template match="address">
    <div class="{'address', ed:layout-classes(.)}"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="addrLine">
    <p class="{'line addrLine', ed:layout-classes(.)}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="list">
    <ol class="list {@type ! ed:class-word(.)}">
      <xsl:apply-templates select="* except (item | head)"/>
      <xsl:apply-templates select="item"/>
    </ol>
  </xsl:template>

  <xsl:template match="list/head" priority="2">
    <li class="list-head"><xsl:apply-templates/></li>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <xsl:if test="@n">
        <span class="item-number"><xsl:value-of select="@n"/><xsl:text> </xsl:text></span>
      </xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>

  <xsl:template match="quote[p | lg | l]">
    <blockquote><xsl:apply-templates/></blockquote>
  </xsl:template>

  <xsl:template match="lg">
    <div class="lg"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- A verse; every fifth numbered in the margin. -->
  <xsl:template match="l">
    <p class="l">
      <xsl:for-each select="ed:marked-number(ed:verse-number(.))">
        <span class="line-number"><xsl:value-of select="."/></span>
      </xsl:for-each>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="sp">
    <div class="sp"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="speaker">
    <p class="speaker"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="stage">
    <xsl:element name="{if (pr:is-inline(.)) then 'span' else 'p'}">
      <xsl:attribute name="class" select="'stage'"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A new archival sheet: its label (fw type="sheet") goes into the margin. -->
  <xsl:template match="pb">
    <xsl:variable name="label" select="following-sibling::*[1][self::fw[@type = 'sheet']]"/>
    <xsl:variable name="text" select="if ($label) then normalize-space($label)
        else if (@n) then 'p. ' || @n else ()"/>
    <xsl:if test="exists($text)">
      <span class="sheet" data-n="{@n}"><xsl:value-of select="$text"/></span>
    </xsl:if>
  </xsl:template>

  <xsl:template match="fw[@type = 'sheet'][preceding-sibling::*[1][self::pb]]"/>

  <xsl:template match="fw">
    <span class="sheet fw"><xsl:value-of select="normalize-space(.)"/></span>
  </xsl:template>

  <!-- A note standing between blocks has no word to hang a footnote on: print it in place. -->
  <xsl:template match="note[not(pr:is-inline(.))][ed:is-text-note(.)]" priority="2">
    <aside class="note-block {ed:note-kind(.)}">
      <span class="note-block-label">
        <xsl:value-of select="ed:note-label(.) || ' ' || ed:note-number(.) || ': '"/>
      </span>
      <xsl:apply-templates/>
    </aside>
  </xsl:template>

  <!-- Runs of white space print as one space: collapsed here, once, for the template. -->
  <xsl:template match="text()">
    <xsl:value-of select="replace(., '\s+', ' ')"/>
  </xsl:template>

  <!-- A footnote call hangs on the word before it: "an&#x1D43; unhealthy", not "an &#x1D43; unhealthy". -->
  <xsl:template match="text()[following-sibling::node()[1]
      [self::app[not(normalize-space(lem))] or self::note[ed:is-text-note(.) and pr:is-inline(.)]]]"
      priority="1">
    <xsl:value-of select="replace(replace(., '\s+', ' '), ' $', '')"/>
  </xsl:template>

  <!-- The white space that lays out the source beside a break inside a word (break="no") would
       print as a space in the word. -->
  <xsl:template match="text()[following-sibling::node()[1]/@break = 'no' or preceding-sibling::node()[1]/@break = 'no']"
      priority="2">
    <xsl:value-of select="replace(ed:joined-text(.), '\s+', ' ')"/>
  </xsl:template>

  <!-- An element in running text (it has text beside it or sits in a paragraph). -->
  <xsl:function name="pr:is-inline" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="exists($node/../text()[normalize-space()])
        or exists($node/ancestor::*[local-name() = ('p', 'ab', 'l', 'head', 'item', 'salute',
           'dateline', 'signed', 'seg', 'cell', 'speaker', 'label')])"/>
  </xsl:function>

  <!-- Anything not handled elsewhere keeps its text: as a span in running text, else a div; one
       that common makes a block (a cast list's item, a title's part, a seg set out as a line) is
       marked "block", so that it stands apart from its neighbours, and so is a part of a line
       set out over it (ed:in-row), a span since it shares the line. -->
  <xsl:template match="*">
    <xsl:variable name="block" select="ed:behaviour(.) = ('block', 'heading', 'list')"/>
    <xsl:variable name="layout" select="ed:layout-classes(.)"/>
    <xsl:element name="{if (pr:is-inline(.) and (not($block) or $layout = 'in-row')) then 'span' else 'div'}">
      <xsl:attribute name="class" select="'tei-' || local-name(), 'block'[$block and not($layout = 'in-row')], $layout"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
