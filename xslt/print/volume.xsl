<?xml version="1.0" encoding="UTF-8"?>
<!--
  The front matter of the volume: title page, table of contents (page numbers come from
  CSS target-counter), and the note on editorial method with the legend of signs.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:pr="urn:x-tei-edition:print"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:template name="pr:front-matter">
    <xsl:param name="documents" as="element(TEI)*"/>
    <xsl:call-template name="pr:title-page">
      <xsl:with-param name="documents" select="$documents"/>
    </xsl:call-template>
    <xsl:call-template name="pr:contents">
      <xsl:with-param name="documents" select="$documents"/>
    </xsl:call-template>
    <xsl:call-template name="pr:method">
      <xsl:with-param name="documents" select="$documents"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="pr:title-page">
    <xsl:param name="documents" as="element(TEI)*"/>
    <section class="title-page">
      <h1 class="edition-title"><xsl:value-of select="$pr:edition-title"/></h1>
      <xsl:if test="$pr:volume-label">
        <p class="volume-label"><xsl:value-of select="$pr:volume-label"/></p>
      </xsl:if>
      <p class="edition-scope">
        <xsl:value-of select="pr:scope($documents)"/>
      </p>
      <xsl:if test="exists($pr:editor-list)">
        <p class="editors">
          <span class="label">Edited by</span>
          <br/>
          <xsl:value-of select="string-join($pr:editor-list, ', ')"/>
        </p>
      </xsl:if>
      <div class="imprint">
        <xsl:for-each select="($documents ! ed:edition-version(.))[.][1]">
          <p class="version">Version <xsl:value-of select="."/></p>
        </xsl:for-each>
        <xsl:if test="$pr:publisher">
          <p class="publisher"><xsl:value-of select="$pr:publisher"/></p>
        </xsl:if>
        <xsl:if test="$pr:build-date">
          <p class="date"><xsl:value-of select="pr:long-date(substring($pr:build-date, 1, 10))"/></p>
        </xsl:if>
        <xsl:if test="$pr:licence">
          <p class="licence">Licence: <xsl:value-of select="$pr:licence"/></p>
        </xsl:if>
        <p class="made-with">Typeset from TEI P5 by tei-edition</p>
      </div>
    </section>
  </xsl:template>

  <!-- "5 documents, 1956" or "12 documents, 1950–1956": only what the documents say. -->
  <xsl:function name="pr:scope" as="xs:string">
    <xsl:param name="documents" as="element(TEI)*"/>
    <xsl:variable name="years" select="sort(distinct-values($documents
        ! substring(ed:date-iso(.), 1, 4)[matches(., '^\d{4}$')]))"/>
    <xsl:variable name="span" select="if (count($years) gt 1)
        then $years[1] || '&#x2013;' || $years[last()] else $years"/>
    <xsl:sequence select="string-join((count($documents) || (if (count($documents) eq 1)
        then ' document' else ' documents'), $span), ', ')"/>
  </xsl:function>

  <xsl:function name="pr:long-date" as="xs:string">
    <xsl:param name="iso" as="xs:string"/>
    <xsl:sequence select="if ($iso castable as xs:date)
        then format-date(xs:date($iso), '[D] [MNn] [Y]', 'en', (), ())
        else $iso"/>
  </xsl:function>

  <xsl:template name="pr:contents">
    <xsl:param name="documents" as="element(TEI)*"/>
    <nav class="contents" id="contents">
      <h2 class="front-heading">Contents</h2>
      <ol class="toc">
        <li class="toc-front"><a href="#method">Note on editorial method</a></li>
        <xsl:for-each select="$documents">
          <li class="toc-document">
            <xsl:variable name="number" select="position() + $pr:number-offset"/>
            <a href="#{pr:document-id(., $number)}">
              <span class="toc-number"><xsl:value-of select="pr:shown-number(., $number)"/>.</span>
              <span class="toc-title"><xsl:value-of select="ed:title(.)"/></span>
              <xsl:if test="ed:date-label(.)">
                <span class="toc-date"><xsl:value-of select="', ' || ed:date-label(.)"/></span>
              </xsl:if>
            </a>
          </li>
        </xsl:for-each>
        <xsl:variable name="refs" select="distinct-values($documents ! pr:indexed-refs(.))"/>
        <xsl:for-each select="('names', 'places')[some $ref in $refs satisfies ed:entity-kind($ref) = $pr:indices(.)]">
          <li class="toc-front"><a href="#index-{.}">Index of <xsl:value-of select="."/></a></li>
        </xsl:for-each>
      </ol>
    </nav>
  </xsl:template>

  <!-- The indices at the back of a volume: names (persons and organisations), then places. Each
       entry is the headword of the authority lists; edition.typ adds the pages where it occurs. -->
  <xsl:variable name="pr:indices" as="map(xs:string, xs:string*)"
      select="map{'names': ('person', 'org'), 'places': ('place')}"/>

  <xsl:template name="pr:indices">
    <xsl:param name="documents" as="element(TEI)*"/>
    <xsl:variable name="entries" select="parse-json($pr:authorities)?*"/>
    <xsl:variable name="refs" select="distinct-values($documents ! pr:indexed-refs(.))"/>
    <xsl:for-each select="('names', 'places')">
      <xsl:variable name="kinds" select="$pr:indices(.)"/>
      <xsl:variable name="listed" select="$refs[ed:entity-kind(.) = $kinds]"/>
      <xsl:if test="exists($listed)">
        <section class="name-index" id="index-{.}">
          <h2 class="front-heading">Index of <xsl:value-of select="."/></h2>
          <ul>
            <xsl:for-each select="$listed">
              <xsl:sort select="lower-case(pr:headword(., $entries))"/>
              <li data-ref="{.}"><xsl:value-of select="pr:headword(., $entries)"/></li>
            </xsl:for-each>
          </ul>
        </section>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <xsl:function name="pr:headword" as="xs:string">
    <xsl:param name="ref" as="xs:string"/>
    <xsl:param name="entries" as="map(*)*"/>
    <xsl:sequence select="($entries[?ref eq $ref]?indexForm, ed:entity-id($ref))[1]"/>
  </xsl:function>

  <xsl:template name="pr:method">
    <xsl:param name="documents" as="element(TEI)*"/>
    <section class="method" id="method">
      <h2 class="front-heading">Note on editorial method</h2>
      <p>Each document is printed from its TEI P5 encoding. Where the archive holds the
        original, the original (transcription) is printed first and the English translation
        after it, each labelled. The translator&#x2019;s and editors&#x2019; notes are
        numbered footnotes. Readings of the handwritten version of a typescript form a
        separate apparatus lettered <i>a</i>, <i>b</i>, <i>c</i> &#x2026; at the foot of the
        page. Sheet numbers of the archival file (<span lang="ru">лист</span>) stand in the
        margin where a new sheet begins.</p>
      <p>The signs below are those of the web edition&#x2019;s diplomatic view. They are
        listed as used in this volume.</p>
      <xsl:call-template name="pr:signs-table">
        <xsl:with-param name="documents" select="$documents"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- A single document's PDF ends with the signs it uses, so a printout explains itself. -->
  <xsl:template name="pr:legend">
    <xsl:param name="documents" as="element(TEI)*"/>
    <section class="legend">
      <h3 class="legend-heading">Editorial signs</h3>
      <xsl:call-template name="pr:signs-table">
        <xsl:with-param name="documents" select="$documents"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <!-- The legend: each sign the documents use, drawn as the text draws it and explained in a
       reader's words (xslt/common's ed:sign-meanings, as on the web), in legend order. -->
  <xsl:template name="pr:signs-table">
    <xsl:param name="documents" as="element(TEI)*"/>
    <xsl:variable name="used" select="distinct-values($documents ! ed:signs-used(.))"/>
    <table class="signs">
      <thead>
        <tr><th>Sign</th><th>Meaning</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$ed:signs[. = $used]">
          <tr>
            <td class="sign-sample"><xsl:sequence select="pr:sign-sample(., $documents)"/></td>
            <td><xsl:value-of select="$ed:sign-meanings(.)"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- A sheet label as the documents write it ("лист 2", "p. 329v"), as blocks.xsl prints it. -->
  <xsl:function name="pr:sheet-sample" as="xs:string">
    <xsl:param name="documents" as="element(TEI)*"/>
    <xsl:variable name="pb" select="($documents ! ed:texts(.)//pb[following-sibling::*[1][self::fw[@type = 'sheet']] or @n])[1]"/>
    <xsl:variable name="fw" select="$pb/following-sibling::*[1][self::fw[@type = 'sheet']]"/>
    <xsl:sequence select="if ($fw) then normalize-space($fw) else if ($pb) then 'p. ' || $pb/@n else 'p. 2'"/>
  </xsl:function>

  <!-- How a sign looks in this edition, drawn by the same CSS as the text. -->
  <xsl:function name="pr:sign-sample" as="element()">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="documents" as="element(TEI)*"/>
    <xsl:choose>
      <xsl:when test="$name = ('translator-note', 'editorial-note', 'note')">
        <span class="sample-call">text<sup>1</sup></span>
      </xsl:when>
      <xsl:when test="$name = ('variant', 'witness-reading')">
        <span class="sample-call">text<sup class="letter">a</sup></span>
      </xsl:when>
      <xsl:when test="$name eq 'addition'">
        <span><span class="sign sign-addition">text</span><span class="hand">hand 1</span></span>
      </xsl:when>
      <xsl:when test="$name eq 'expansion'">
        <span>C<span class="ex">entral</span></span>
      </xsl:when>
      <xsl:when test="$name eq 'sheet-break'">
        <span class="sample-sheet"><xsl:value-of select="pr:sheet-sample($documents) || ' '"/><span class="aside">(in the margin)</span></span>
      </xsl:when>
      <xsl:when test="$name eq 'space'">
        <span>a<span class="sign sign-space rend-blank" data-width="3"/>b</span>
      </xsl:when>
      <xsl:otherwise>
        <span class="sign sign-{$name}">
          <xsl:value-of select="if ($name = ('gap')) then 'illegible'
              else if ($name eq 'unbalanced') then '[' else 'text'"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

</xsl:stylesheet>
