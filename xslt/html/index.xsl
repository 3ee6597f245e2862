<?xml version="1.0" encoding="UTF-8"?>
<!--
  The index page: a sortable table of the documents (number, date, title, sender and recipient,
  languages, archive reference) and the search box. Rows come from $records-json (the records
  of h:record, each with its page "stem") in the edition order Python gives them
  (tei.numbering.edition_order); edition.js re-sorts by a column.
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
    <xsl:variable name="records" select="parse-json($records-json)?*"/>
    <xsl:call-template name="h:frame">
      <xsl:with-param name="title" select="$edition-title"/>
      <xsl:with-param name="page-class" select="'index-page'"/>
      <xsl:with-param name="meta" select="h:edition-json-ld()"/>
      <xsl:with-param name="content">
        <xsl:call-template name="h:indices-nav"/>
        <h1 id="title">{$edition-title}</h1>
        <section class="search" id="search" aria-labelledby="search-heading" hidden="hidden">
          <h2 id="search-heading">Search</h2>
          <form class="search-form" role="search" action="index.html" method="get">
            <label for="q">Words to find<xsl:sequence select="h:languages-phrase($records)"/></label>
            <input type="search" id="q" name="q"/>
            <button type="submit">Search</button>
          </form>
          <p class="search-summary" id="search-summary" role="status"></p>
          <ol class="search-results" id="search-results"></ol>
        </section>
        <p class="cite-edition">Cite the edition:
          <a href="edition.bib" download="edition.bib">BibTeX</a>,
          <a href="edition.ris" download="edition.ris">RIS</a>,
          <a href="edition.json" download="edition.json">CSL-JSON</a>.</p>
        <section aria-labelledby="documents-heading">
          <h2 id="documents-heading">Documents</h2>
          <xsl:call-template name="h:document-filters">
            <xsl:with-param name="records" select="$records"/>
          </xsl:call-template>
          <table class="doc-index" id="doc-index">
            <caption>{count($records)} documents, in the edition's order (by date, undated last).<span class="sort-hint" hidden="hidden"> Choose a column heading to sort.</span></caption>
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
                <xsl:call-template name="h:index-row">
                  <xsl:with-param name="position" select="position()"/>
                </xsl:call-template>
              </xsl:for-each>
            </tbody>
          </table>
        </section>
      </xsl:with-param>
    </xsl:call-template>
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

  <xsl:template name="h:index-row">
    <xsl:param name="position" as="xs:integer"/>
    <tr data-person="{h:refs-of(., 'person')}" data-place="{h:refs-of(., 'place')}" data-year="{substring(?date, 1, 4)}">
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
    <xsl:sequence select="' ' || string-join(distinct-values($record?names?*?ref[ed:entity-kind(.) eq $kind]
        ! ed:entity-id(.)), ' ') || ' '"/>
  </xsl:function>

  <!-- Filters of the document list by person, place and year (edition.js shows and runs them). -->
  <xsl:template name="h:document-filters">
    <xsl:param name="records" as="map(*)*"/>
    <xsl:variable name="entries" select="parse-json($authorities-json)?*"/>
    <form class="doc-filter" id="doc-filter" hidden="hidden" aria-label="Filter the documents">
      <xsl:for-each select="('person', 'place')">
        <xsl:variable name="kind" select="."/>
        <xsl:variable name="refs" select="distinct-values($records ! ?names?*?ref[ed:entity-kind(.) eq $kind])"/>
        <label>{if ($kind eq 'person') then 'Person' else 'Place'}
          <select data-filter="{$kind}">
            <option value="">all</option>
            <xsl:for-each select="$refs">
              <xsl:sort select="lower-case(($entries[?ref eq current()]?headword, ed:entity-id(current()))[1])"/>
              <option value="{ed:entity-id(.)}">{($entries[?ref eq current()]?headword, ed:entity-id(.))[1]}</option>
            </xsl:for-each>
          </select>
        </label>
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
