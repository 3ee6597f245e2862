<?xml version="1.0" encoding="UTF-8"?>
<!--
  The "core" chapter in HTML: paragraphs (with permalinks), line and page breaks, lists,
  notes (numbered markers with popovers), quotations, highlighting, names, dates, links,
  and the helpers every module uses (classes, ids, lang).

  Tunnel parameters used throughout:
    $phrasing   true inside an HTML element that only allows phrasing content (p, h*, span):
                block TEI elements then become <span class="… block"> so the HTML stays valid;
    $id-suffix  appended to every id in a second rendering of the same TEI (note list,
                summary), so ids stay unique.
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

  <!-- A count as readers write it, with a comma between thousands: "6,339 documents". -->
  <xsl:function name="h:count" as="xs:string">
    <xsl:param name="number" as="xs:numeric"/>
    <xsl:sequence select="format-number($number, '#,##0')"/>
  </xsl:function>

  <!-- "tei-seg type-handwritten sign-handwritten": the element, its type and its sign, plus
       "reading-hidden" / "diplomatic-hidden" where common says a view leaves it out (if … then …
       else: a third cheaper than a filter, and every element of a page has its classes), and the
       layout the TEI asks for ("layout-right in-row", ed:layout-classes). -->
  <xsl:function name="h:classes" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="string-join(('tei-' || local-name($element),
        $element/@type ! ('type-' || ed:class-word(.)),
        ed:sign($element) ! ('sign-' || .), ed:layout-classes($element),
        if (ed:shown-in-reading($element)) then () else 'reading-hidden',
        if (ed:shown-in-diplomatic($element)) then () else 'diplomatic-hidden'), ' ')"/>
  </xsl:function>

  <!-- The element's id; and the zone of the page image it stands in, when it names one. -->
  <xsl:template name="h:id">
    <xsl:param name="id-suffix" as="xs:string" select="''" tunnel="yes"/>
    <xsl:attribute name="id" select="ed:anchor(.) || $id-suffix"/>
    <xsl:for-each select="ed:facs-zone(.)[$id-suffix eq '']">
      <xsl:attribute name="data-facs" select="'facs-' || ed:anchor(.)"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="h:lang">
    <xsl:if test="@xml:lang and @xml:lang ne 'mul'">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>

  <!-- A paragraph's permalink (ed:permalink): the one tei.render.html handed over in
       $paragraph-permalinks, found by the paragraph's place among the elements named p or ab (the
       counts ed:anchor reads), else computed here, as a stylesheet run without Python does. -->
  <xsl:variable name="h:handed-permalinks" as="xs:string*" select="tokenize($paragraph-permalinks, '\n')"/>

  <xsl:function name="h:permalink" as="xs:string">
    <xsl:param name="paragraph" as="element()"/>
    <xsl:variable name="counts" select="$paragraph/accumulator-before('ed:element-counts')"/>
    <xsl:sequence select="if ($paragraph-permalinks eq '') then ed:permalink($paragraph)
        else $h:handed-permalinks[($counts?p, 0)[1] + ($counts?ab, 0)[1]]"/>
  </xsl:function>

  <!-- A paragraph: its id, and a permalink a reader can copy (ed:permalink: from its text
       alone, so it survives edits elsewhere and new encoder versions). -->
  <xsl:template match="p | ab">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="id-suffix" as="xs:string" select="''" tunnel="yes"/>
    <xsl:element name="{if ($phrasing) then 'span' else 'p'}">
      <xsl:attribute name="class" select="h:classes(.) || ' block'[$phrasing]"/>
      <xsl:call-template name="h:id"/>
      <xsl:call-template name="h:lang"/>
      <!-- Only the paragraph in running text has one: no hash of the notes' and summary's copies. -->
      <xsl:variable name="permalink" select="if (not($phrasing) and $id-suffix eq '') then h:permalink(.) else ()"/>
      <xsl:if test="$permalink"><span class="permalink-target" id="{$permalink}"></span></xsl:if>
      <xsl:apply-templates>
        <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
      <xsl:if test="$permalink">
        <xsl:text> </xsl:text>
        <a class="permalink" href="#{$permalink}" aria-label="Link to this paragraph">¶</a>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- A verse line: citable like a paragraph; every fifth verse numbered in the margin. -->
  <xsl:template match="l">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="h:classes(.) || ' block'"/>
      <xsl:call-template name="h:id"/>
      <xsl:call-template name="h:lang"/>
      <xsl:for-each select="ed:marked-number(ed:verse-number(.))">
        <span class="line-number verse-number" aria-hidden="true">{.}</span>
      </xsl:for-each>
      <xsl:apply-templates>
        <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:element>
  </xsl:template>

  <!-- A line break; every fifth numbered line of an inscription or manuscript gets its number
       in the margin. -->
  <xsl:template match="lb">
    <br class="tei-lb"/>
    <xsl:for-each select="ed:marked-number(normalize-space(@n))">
      <span class="line-number lb-number" aria-hidden="true">{.}</span>
    </xsl:for-each>
  </xsl:template>

  <!-- The white space that lays out the source beside a break inside a word (break="no") would
       be a gap in the word on the page. -->
  <xsl:template match="text()[following-sibling::node()[1]/@break = 'no' or preceding-sibling::node()[1]/@break = 'no']">
    <xsl:value-of select="ed:joined-text(.)"/>
  </xsl:template>

  <!-- A sheet break, shown in the margin with its label (the fw that follows it); inside a word
       (break="no") its label is small and raised, with no space either side. -->
  <xsl:template match="pb">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="fw" select="following-sibling::*[1][self::fw[@type = 'sheet']]"/>
    <xsl:element name="{if ($phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="h:classes(.) || ' sheet-break' || ' in-word'[ed:is-within-word-break(current())]"/>
      <xsl:call-template name="h:id"/>
      <span class="sheet-label">
        <xsl:choose>
          <xsl:when test="$fw"><xsl:apply-templates select="$fw/node()"/></xsl:when>
          <xsl:when test="@n">[{@n}]</xsl:when>
          <xsl:otherwise>[page]</xsl:otherwise>
        </xsl:choose>
      </span>
    </xsl:element>
  </xsl:template>

  <xsl:template match="list">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($phrasing) then 'span' else 'ul'}">
      <xsl:attribute name="class" select="h:classes(.) || ' block'[$phrasing]"/>
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="list/item">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($phrasing) then 'span' else 'li'}">
      <xsl:attribute name="class" select="h:classes(.) || ' block'[$phrasing]"/>
      <xsl:call-template name="h:id"/>
      <xsl:call-template name="h:lang"/>
      <xsl:if test="@n"><span class="item-n">{@n}</span><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A note inside running text: a numbered button opening a popover (no JS needed). -->
  <xsl:template match="note[ed:is-text-note(.)]">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="id-suffix" as="xs:string" select="''" tunnel="yes"/>
    <xsl:variable name="anchor" select="ed:note-anchor(.)"/>
    <xsl:choose>
      <xsl:when test="$phrasing">
        <span class="{h:classes(.)} note-marker-wrap">
          <button type="button" class="note-marker" id="ref-{$anchor}{$id-suffix}"
                  popovertarget="pop-{$anchor}{$id-suffix}"
                  aria-label="{ed:note-label(.)} {ed:note-number(.)}">{ed:note-number(.)}</button>
          <span class="popover note-popover" id="pop-{$anchor}{$id-suffix}" popover="auto" role="note">
            <span class="popover-label">{ed:note-label(.)} {ed:note-number(.)}. </span>
            <xsl:apply-templates>
              <xsl:with-param name="id-suffix" select="$id-suffix || '-p'" tunnel="yes"/>
            </xsl:apply-templates>
          </span>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <aside class="{h:classes(.)} note-block" id="ref-{$anchor}{$id-suffix}" aria-label="{ed:note-label(.)} {ed:note-number(.)}">
          <a class="note-number" href="#{$anchor}">{ed:note-number(.)}</a>
          <xsl:text> </xsl:text>
          <span class="note-kind">{ed:note-label(.)}: </span>
          <xsl:apply-templates>
            <xsl:with-param name="id-suffix" select="$id-suffix || '-b'" tunnel="yes"/>
            <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </aside>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="quote[p | lg | l]">
    <xsl:param name="phrasing" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:element name="{if ($phrasing) then 'span' else 'blockquote'}">
      <xsl:attribute name="class" select="h:classes(.) || ' block'[$phrasing]"/>
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="q | quote | said">
    <q class="{h:classes(.)}"><xsl:call-template name="h:lang"/><xsl:apply-templates/></q>
  </xsl:template>

  <xsl:template match="foreign | term | mentioned | soCalled | emph | title[ancestor::text]">
    <xsl:element name="{if (self::title) then 'cite' else 'i'}">
      <xsl:attribute name="class" select="h:classes(.)"/>
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A highlighted phrase: its @rend as a class, and each style it asks for (ed:styles) as one
       that edition.css draws. -->
  <xsl:template match="hi">
    <span class="{h:classes(.)} {@rend ! ('rend-' || ed:class-word(.))}{
        string-join(ed:styles(.) ! (' style-' || .))}">
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="date[@when castable as xs:date or @when castable as xs:gYearMonth or @when castable as xs:gYear]">
    <time class="{h:classes(.)}" datetime="{@when}"><xsl:apply-templates/></time>
  </xsl:template>

  <!-- Only web links become links: other pointers may name nothing the page shows. -->
  <xsl:template match="ref[matches(@target, '^https?://\S+$')] | ptr[matches(@target, '^https?://\S+$')]">
    <a class="{h:classes(.)}" href="{ed:link-target(@target)}">
      <xsl:apply-templates/>
      <xsl:if test="self::ptr">{@target}</xsl:if>
    </a>
  </xsl:template>

  <!-- A pointer with no words of its own (ref target="L041663"/, ptr): its address as text, a
       link only when it is a web address (another file of the source's project is not here). -->
  <xsl:template match="ref[not(normalize-space()) and not(*)][normalize-space(@target)]
      | ptr[normalize-space(@target)][not(matches(@target, '^https?://\S+$'))]" priority="1">
    <span class="{h:classes(.)}">
      <xsl:sequence select="if (matches(@target, '^https?://')) then h:link(@target, normalize-space(@target))
                            else normalize-space(@target)"/>
    </span>
  </xsl:template>

  <!-- $content as a link to $url when the address may be linked to (ed:link-target),
       else as text: a refused address is still shown, never followed. -->
  <xsl:function name="h:link" as="item()*">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:param name="content" as="item()*"/>
    <xsl:variable name="target" select="ed:link-target($url)"/>
    <xsl:choose>
      <xsl:when test="$target"><a href="{$target}"><xsl:sequence select="$content"/></a></xsl:when>
      <xsl:otherwise><xsl:sequence select="$content"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

</xsl:stylesheet>
