<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index page: a sortable table of the documents (number, date, title, sender and recipient,
  languages, archive reference), the years to browse by and, on the first page, the search box.
  Rows come from $records-json (the records of h:record, each with its page "stem") in the
  edition order Python gives them (tei.numbering.edition_order), at most ROWS to a page
  (tei.render.listings); edition.js re-sorts a page by a column.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:h="urn:x-tei-edition:html"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:template name="index">
    <xsl:call-template name="h:frame">
      <xsl:with-param name="title" select="$edition-title"/>
      <xsl:with-param name="page-class" select="'index-page'"/>
      <xsl:with-param name="meta" select="h:edition-json-ld()"/>
      <xsl:with-param name="listing" select="map{'list': 'index'}"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match=".[?list eq 'index']" mode="h:listing-main">
    <xsl:variable name="records" select="parse-json($records-json)?*"/>
    <xsl:call-template name="h:indices-nav"/>
    <h1 id="title">{$edition-title}</h1>
    <xsl:if test="$index-page eq 1">
      <section class="search" id="search" aria-labelledby="search-heading" hidden="hidden">
        <h2 id="search-heading">Search</h2>
        <form class="search-form" role="search" action="index.html" method="get">
          <label for="q">Words to find<xsl:sequence select="h:languages-phrase($records)"/></label>
          <input type="search" id="q" name="q"/>
          <label for="search-sort">Order</label>
          <select id="search-sort">
            <option value="">best match first</option>
            <option value="asc">oldest first</option>
            <option value="desc">newest first</option>
          </select>
          <button type="submit">Search</button>
        </form>
        <details class="search-filters" id="search-filters">
          <summary>Filters</summary>
          <div class="search-facets" id="search-facets"></div>
        </details>
        <p class="search-summary" id="search-summary" role="status"></p>
        <ol class="search-results" id="search-results"></ol>
        <button type="button" id="search-more" hidden="hidden">More results</button>
      </section>
    </xsl:if>
    <p class="cite-edition">Cite the edition:
          <a href="edition.bib" download="edition.bib">BibTeX</a>,
          <a href="edition.ris" download="edition.ris">RIS</a>,
          <a href="edition.json" download="edition.json">CSL-JSON</a>.</p>
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">Documents</h2>
      <xsl:call-template name="h:document-filters">
        <xsl:with-param name="records" select="$records"/>
      </xsl:call-template>
      <xsl:call-template name="h:browse"/>
      <table class="doc-index" id="doc-index">
        <caption>{h:count($index-total)} documents, in the edition's order (by date, undated last)<xsl:if
                test="$index-pages gt 1">; page {h:count($index-page)} of {h:count($index-pages)}: documents {h:count($first-row)}–{h:count($first-row + count($records) - 1)}</xsl:if>.<span class="sort-hint" hidden="hidden"> Choose a column heading to sort<xsl:if test="$index-pages gt 1"> this page</xsl:if>.</span></caption>
        <thead>
          <tr>
            <xsl:for-each select="('No.', 'Date', 'Title', 'Author, or from → to', 'Languages', 'Archive reference')">
              <th scope="col" aria-sort="{if (position() eq 1) then 'ascending' else 'none'}">
                <button type="button" class="sort-button" data-column="{position() - 1}">{.}</button>
              </th>
            </xsl:for-each>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="$records">
            <xsl:variable name="at" select="position()"/>
            <xsl:call-template name="h:index-row">
              <xsl:with-param name="position" select="$first-row + $at - 1"/>
              <xsl:with-param name="year-starts" select="$at eq 1 or h:year(.) ne h:year($records[$at - 1])"/>
            </xsl:call-template>
          </xsl:for-each>
        </tbody>
      </table>
      <xsl:call-template name="h:pages"/>
    </section>
  </xsl:template>

  <!-- " (in English or Russian)": the languages of the edition's documents, from their
       records, so the index speaks of the edition it indexes. -->
  <xsl:function name="h:languages-phrase" as="xs:string">
    <xsl:param name="records" as="map(*)*"/>
    <xsl:variable name="names" select="distinct-values($records ! ?languages?*)"/>
    <xsl:sequence select="if (empty($names)) then '' else ' (in ' || string-join((string-join($names[position() lt last()], ', ')[.],
        $names[last()]), ' or ') || ')'"/>
  </xsl:function>

  <!-- Who wrote a document: its sender (and recipient), else its authors. -->
  <xsl:function name="h:writers" as="xs:string">
    <xsl:param name="record" as="map(*)"/>
    <xsl:sequence select="(string-join(($record?sender[.], $record?recipient[.]), ' → '),
        string-join($record?authors?*, '; '))[.][1] => string()"/>
  </xsl:function>

  <!-- The year a row is filed under, in the list to browse by: "1956", or "undated". -->
  <xsl:function name="h:year" as="xs:string">
    <xsl:param name="record" as="map(*)"/>
    <xsl:sequence select="(substring($record?date, 1, 4)[.], 'undated')[1]"/>
  </xsl:function>

  <!-- Browse by year: every year of the edition, with its count, linking to where it starts. -->
  <xsl:template name="h:browse">
    <xsl:variable name="years" select="parse-json($years-json)?*"/>
    <xsl:if test="count($years) gt 1 or $index-pages gt 1">
      <nav class="browse-years" aria-labelledby="browse-heading">
        <h3 id="browse-heading">Browse by year</h3>
        <ul>
          <xsl:for-each select="$years">
            <li><a href="{?href}">{?year}</a> ({h:count(?count)})</li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The neighbouring pages of a long index. -->
  <xsl:template name="h:pages">
    <xsl:if test="$index-pages gt 1">
      <nav class="index-pages" aria-label="Pages of the index">
        <xsl:if test="$previous-page"><a href="{$previous-page}" rel="prev">← Previous page</a></xsl:if>
        <span aria-current="page">Page {h:count($index-page)} of {h:count($index-pages)}</span>
        <xsl:if test="$next-page"><a href="{$next-page}" rel="next">Next page →</a></xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template name="h:index-row">
    <xsl:param name="position" as="xs:integer"/>
    <xsl:param name="year-starts" as="xs:boolean" select="false()"/>
    <tr data-person="{h:refs-of(., 'person')}" data-place="{h:refs-of(., 'place')}" data-year="{substring(?date, 1, 4)}">
      <xsl:if test="$year-starts"><xsl:attribute name="id" select="'year-' || h:year(.)"/></xsl:if>
      <td data-sort="{format-number($position, '000000')}">{?number}</td>
      <td data-sort="{?date}">
        <xsl:choose>
          <xsl:when test="?date"><time datetime="{?date}">{?dateLabel}</time></xsl:when>
          <xsl:otherwise>{(?dateLabel[.], 'undated')[1]}</xsl:otherwise>
        </xsl:choose>
      </td>
      <td><a href="{ed:local-href(?stem || '.html')}">{?title}</a></td>
      <td>{h:writers(.)}</td>
      <td>{string-join(?languages?*, ', ')}</td>
      <td>{?archive}</td>
    </tr>
  </xsl:template>

  <!-- The entries of one kind a record's text names, as " id id " for the filters. -->
  <xsl:function name="h:refs-of" as="xs:string">
    <xsl:param name="record" as="map(*)"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="' ' || string-join(distinct-values($record?names?*?ref[starts-with(., $kind || ':')]
        [ed:entity-kind(.) eq $kind] ! ed:entity-id(.)), ' ') || ' '"/>
  </xsl:function>

  <!-- Filters of the document list by person, place and year (edition.js shows and runs them). -->
  <xsl:template name="h:document-filters">
    <xsl:param name="records" as="map(*)*"/>
    <!-- Each ref's headword, the first entry's where the lists hold a ref twice. -->
    <xsl:variable name="headwords" as="map(xs:string, xs:string)" select="map:merge(parse-json($authorities-json)?*
        ! map{?ref: string(?headword)}, map{'duplicates': 'use-first'})"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:variable name="refs" select="distinct-values($records ! ?names?*?ref)"/>
    <form class="doc-filter" id="doc-filter" hidden="hidden" aria-label="Filter the documents">
      <xsl:for-each select="('person', 'place')">
        <xsl:variable name="kind" select="."/>
        <xsl:variable name="refs" select="$refs[starts-with(., $kind || ':')][ed:entity-kind(.) eq $kind]"/>
        <xsl:if test="exists($refs)">
          <label>{if ($kind eq 'person') then 'Person' else 'Place'}
            <select data-filter="{$kind}">
              <option value="">all</option>
              <xsl:for-each select="$refs">
                <xsl:sort select="lower-case(($headwords(current()), ed:entity-id(current()))[1])"/>
                <option value="{ed:entity-id(.)}">{($headwords(.), ed:entity-id(.))[1]}</option>
              </xsl:for-each>
            </select>
          </label>
        </xsl:if>
      </xsl:for-each>
      <label>Year
        <select data-filter="year">
          <option value="">all</option>
          <xsl:for-each select="distinct-values($records ! substring(?date, 1, 4)[.])">
            <xsl:sort select="."/>
            <option value="{.}">{.}</option>
          </xsl:for-each>
        </select>
      </label>
      <span class="filter-count" id="filter-count" role="status"></span>
    </form>
  </xsl:template>

</xsl:stylesheet>
