<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names and dates on the web: a name in the text links to its entry on the index page of its
  kind (persons.html#kim-il-sung); the index pages list each entry that occurs in the edition
  with its forms, its identifiers (linked only when verified) and links to the paragraphs where
  it occurs (the title, summary or header of a document, or a paragraph of its texts); the
  chronology lists every dated passage in date order. The pages are made from
  $records-json (the documents' records: their names and dates with paragraph anchors) and
  $authorities-json (the authority lists, read by tei.authority).
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

  <xsl:template match="persName[ed:entity-kind(@ref)] | orgName[ed:entity-kind(@ref)] | placeName[ed:entity-kind(@ref)]">
    <a class="{h:classes(.)} name-link" href="{ed:entity-page(ed:entity-kind(@ref))}.html#{ed:entity-id(@ref)}">
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <!-- The names and dates of a document for its record: what the index pages and the filters need.
       A name or date of the header says where on the page it stands ('where': title, summary or
       header, the panel "About this document"); one of the texts says 'text' and its paragraph. -->
  <xsl:function name="h:record-names" as="array(*)">
    <xsl:param name="doc" as="document-node()"/>
    <!-- Each name an array [ref, text, anchor, where], not a map: Saxon serialises a map of a few strings
         as JSON at about the cost of a paragraph's page, and a document has hundreds of names
         (tei.render.html.WebRenderer makes them maps again). -->
    <xsl:sequence select="array{(ed:indexed-names(ed:header($doc)) ! h:header-name(.),
        ed:indexed-names($doc/*/text) ! [string(@ref), normalize-space(ed:plain(.)), h:passage-anchor(.), 'text'])}"/>
  </xsl:function>

  <!-- The header's dates in the chronology: those of the title, the summary and the notes (the date
       line, the citation and the correspondence give the document's own date, which the document
       list shows). A register's dates (a person's birth in a listPerson of the back matter) are
       facts about its entries, not dated passages of the text. The passage is its container's
       words (ed:plain leaves a note's out of the text it stands in, so the note's own children). -->
  <xsl:function name="h:record-dates" as="array(*)">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="header" select="ed:header($doc)/(fileDesc/titleStmt/title, profileDesc/abstract,
        fileDesc/notesStmt/note)//date[@when castable as xs:date]"/>
    <xsl:sequence select="array{($header ! map:merge((h:header-occurrence(.), map{'when': string(@when),
        'inferred': exists(@cert), 'passage': ed:plain((ancestor::p, ancestor::title,
        ancestor::note)[last()]/node())})), $doc/*/text//date[@when castable as xs:date][not(ancestor::*[ed:is-register(.)])] ! map{
        'when': string(@when), 'text': normalize-space(ed:plain(.)), 'inferred': exists(@cert),
        'anchor': h:passage-anchor(.), 'passage': h:passage-excerpt(.)})}"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- Where on the page a name or date of the header stands: the title, the summary, the editors'
       notes, else the panel "About this document" (citation, credits, correspondents). -->
  <xsl:variable name="h:header-places" as="map(xs:string, xs:string)"
      select="map{'title': 'title', 'summary': 'summary', 'notes': 'editors-notes', 'header': 'document-metadata'}"/>

  <xsl:function name="h:header-occurrence" as="map(*)">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="name" select="h:header-name($node)"/>
    <xsl:sequence select="map{'ref': $name(1), 'text': $name(2), 'anchor': $name(3), 'where': $name(4)}"/>
  </xsl:function>

  <!-- A name or date of the header as h:record-names gives a name: [ref, text, anchor, where]. -->
  <xsl:function name="h:header-name" as="array(xs:string)">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="where" select="if ($node/ancestor::titleStmt) then 'title'
        else if ($node/ancestor::abstract) then 'summary'
        else if ($node/ancestor::note[@type = 'editorial']) then 'notes' else 'header'"/>
    <xsl:sequence select="[string($node/@ref), normalize-space(ed:plain($node)), $h:header-places($where), $where]"/>
  </xsl:function>

  <!-- The id of the block a node stands in, as the page writes it ("" outside any block). -->
  <xsl:function name="h:passage-anchor" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string(ed:block-of($node) ! ed:anchor(.))"/>
  </xsl:function>

  <xsl:function name="h:passage-excerpt" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="text" select="normalize-space(string-join(ed:block-of($node) ! ed:element-text(., 'reading')))"/>
    <xsl:sequence select="if (string-length($text) le 160) then $text else substring($text, 1, 157) || '…'"/>
  </xsl:function>

  <!-- Links between the edition's index pages: those it has ($indices); none when it has none. -->
  <xsl:template name="h:indices-nav">
    <xsl:variable name="made" select="tokenize($indices)"/>
    <xsl:if test="exists($made)">
      <nav class="indices-nav" aria-label="Indices">
        <a href="index.html">Documents</a>
        <xsl:for-each select="('person', 'org', 'place')[. = $made]">
          <a href="{ed:entity-page(.)}.html">{$ed:entity-kinds(.)[2]}</a>
        </xsl:for-each>
        <xsl:if test="$made = 'chronology'"><a href="chronology.html">Chronology</a></xsl:if>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The index page of one kind of entry ($entity-kind: person, org, place): every entry the texts name
       ($entries-json), in the order of its index form, those the lists lack last. -->
  <xsl:template name="entity-index">
    <xsl:variable name="heading" select="$ed:entity-kinds($entity-kind)[2]"/>
    <xsl:call-template name="h:frame">
      <xsl:with-param name="title" select="$heading || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'entity-page'"/>
      <xsl:with-param name="listing" select="map{'list': 'entity-index', 'heading': $heading}"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match=".[?list eq 'entity-index']" mode="h:listing-main">
    <xsl:variable name="named" select="map:merge(parse-json($entries-json)?* ! map{?ref: .})"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:variable name="entries" select="parse-json($authorities-json)?*[?kind eq $entity-kind]"/>
    <xsl:variable name="occurring" select="map:keys($named)" xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    <xsl:variable name="listed" select="$entries?ref"/>
    <xsl:variable name="heading" select="?heading"/>
    <xsl:call-template name="h:indices-nav"/>
    <h1 id="title">{$heading}</h1>
    <p class="entity-summary">{count($occurring)} {if (count($occurring) eq 1) then 'entry' else 'entries'}. Each lists the forms the texts use, its identifiers in
          authority files (linked only once an editor has verified them) and the passages where it occurs. The list
          as TEI: <a href="tei/authorities/{$ed:entity-kinds($entity-kind)[1]}.xml" download="">{$ed:entity-kinds($entity-kind)[1]}.xml</a>.</p>
    <xsl:for-each select="$entries[map:contains($named, ?ref)]" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
      <xsl:sort select="lower-case(?indexForm)"/>
      <xsl:call-template name="h:entity-entry">
        <xsl:with-param name="named" select="$named(?ref)"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$occurring[not(. = $listed)]">
      <xsl:sort select="."/>
      <xsl:call-template name="h:entity-entry">
        <xsl:with-param name="named" select="$named(.)"/>
        <xsl:with-param name="entry" select="h:unlisted-entry(.)"/>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:function name="h:unlisted-entry" as="map(*)">
    <xsl:param name="ref" as="xs:string"/>
    <xsl:sequence select="map{'ref': $ref, 'headword': ed:entity-id($ref), 'forms': [], 'identifiers': [],
        'note': 'Not in the edition''s authority lists.'}"/>
  </xsl:function>

  <!-- An entry of an index page: the entry of the lists ($entry), and where the texts name it ($named): its
       lines, or, when it is named in too many documents, the pages of its own that list them. -->
  <xsl:template name="h:entity-entry">
    <xsl:param name="named" as="map(*)"/>
    <xsl:param name="entry" as="map(*)" select="."/>
    <xsl:variable name="ref" select="$entry?ref"/>
    <section class="entity" id="{ed:entity-id($ref)}" aria-labelledby="{ed:entity-id($ref)}-name">
      <h2 id="{ed:entity-id($ref)}-name">{($entry?indexForm, $entry?headword)[1]}</h2>
      <xsl:if test="$entry?note"><p class="entity-note">{$entry?note}</p></xsl:if>
      <xsl:variable name="forms" select="$entry?forms?*[?text ne ($entry?indexForm, $entry?headword)[1]]"/>
      <xsl:if test="exists($forms)">
        <p class="entity-forms">Also written:
          <xsl:for-each select="$forms">
            <xsl:if test="position() gt 1">, </xsl:if>
            <span lang="{?lang}">{?text}</span>
            <xsl:if test="?correction"> (an OCR misreading of <span lang="{?lang}">{?correction}</span>)</xsl:if>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:if test="exists($entry?identifiers?*)">
        <p class="entity-identifiers">
          <xsl:for-each select="$entry?identifiers?*">
            <xsl:if test="position() gt 1"> · </xsl:if>
            <xsl:choose>
              <xsl:when test="?url">{?label}: <xsl:sequence select="h:link(?url, ?value)"/></xsl:when>
              <xsl:otherwise>{?label}: {?value} <span class="unverified">(not yet verified; not linked)</span></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="exists($named?href)">
          <p class="entity-pages">Named in {h:count($named?count)} documents, listed on <a href="{$named?href}">{h:count($named?pages)}
            pages of their own</a>.</p>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="h:passages">
            <xsl:with-param name="lines" select="$named?passages?*"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- Where an entry is named, a line a document: the parts of its header, then its paragraphs. -->
  <xsl:template name="h:passages">
    <xsl:param name="lines" as="map(*)*"/>
    <ul class="occurrences">
      <xsl:for-each select="$lines">
        <xsl:variable name="page" select="ed:local-href(?stem || '.html')"/>
        <li>
          <a href="{$page}">{string-join((?number[.] ! ('Document ' || .), ?title), ': ')}</a>
          <xsl:if test="?dateLabel[.]"> ({?dateLabel})</xsl:if>
          <xsl:text>: </xsl:text>
          <xsl:for-each select="?places?*">
            <xsl:if test="position() gt 1">, </xsl:if>
            <a href="{$page}#{$h:header-places(.)}" class="header-occurrence">{.}</a>
          </xsl:for-each>
          <xsl:if test="exists(?places?*) and exists(?anchors?*)">, </xsl:if>
          <xsl:for-each select="?anchors?*">
            <xsl:if test="position() gt 1">, </xsl:if>
            <a href="{$page}#{.}" aria-label="passage {position()}">¶ {position()}</a>
          </xsl:for-each>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- A page of the documents that name an entry of an index, when they are too many for the index page
       ($entry-json: the entry's ref, its count of documents and this page's lines). -->
  <xsl:template name="entity-passages">
    <xsl:variable name="named" select="parse-json($entry-json)"/>
    <xsl:variable name="kind" select="ed:entity-kind($named?ref)"/>
    <xsl:variable name="entry" select="(parse-json($authorities-json)?*[?ref eq $named?ref], h:unlisted-entry($named?ref))[1]"/>
    <xsl:variable name="headword" select="($entry?indexForm, $entry?headword)[1]"/>
    <xsl:call-template name="h:frame">
      <xsl:with-param name="title" select="$headword || ' — ' || $ed:entity-kinds($kind)[2] || ' — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'entity-page'"/>
      <xsl:with-param name="listing" select="map{'list': 'entity-passages', 'named': $named, 'kind': $kind,
          'headword': $headword}"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match=".[?list eq 'entity-passages']" mode="h:listing-main">
    <xsl:variable name="named" select="?named"/>
    <xsl:variable name="kind" select="?kind"/>
    <xsl:variable name="index" select="ed:entity-page($kind) || '.html'"/>
    <xsl:call-template name="h:indices-nav"/>
    <h1 id="title">{?headword}</h1>
    <p class="entity-summary">Named in {h:count($named?count)} documents: <a href="{$index}#{ed:entity-id($named?ref)}">the
          entry in {$ed:entity-kinds($kind)[2]}</a>. Page {h:count($index-page)} of {h:count($index-pages)}: documents {h:count($first-row)}–{h:count($first-row
          + count($named?passages?*) - 1)}.</p>
    <xsl:call-template name="h:passages">
      <xsl:with-param name="lines" select="$named?passages?*"/>
    </xsl:call-template>
    <xsl:call-template name="h:pages"/>
  </xsl:template>

  <!-- The dated passages of the edition in date order ($events-json: this page's; $index-total: all of them). -->
  <xsl:template name="chronology">
    <xsl:call-template name="h:frame">
      <xsl:with-param name="title" select="'Chronology — ' || $edition-title"/>
      <xsl:with-param name="page-class" select="'entity-page'"/>
      <xsl:with-param name="listing" select="map{'list': 'chronology'}"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match=".[?list eq 'chronology']" mode="h:listing-main">
    <xsl:variable name="events" select="parse-json($events-json)?*"/>
    <xsl:call-template name="h:indices-nav"/>
    <h1 id="title">Chronology</h1>
    <p class="entity-summary">{h:count($index-total)} {if ($index-total eq 1) then 'date' else 'dates'} in the texts and in the documents' titles, summaries and
          notes, earliest first<xsl:if test="$index-pages gt 1">; page {h:count($index-page)} of {h:count($index-pages)}: dates {h:count($first-row)}–{h:count($first-row + count($events) - 1)}</xsl:if>. A year the text does not state is taken from the document's date and marked “year
          inferred”.</p>
    <xsl:call-template name="h:browse"/>
    <table class="chronology">
      <thead><tr><th scope="col">Date</th><th scope="col">As written</th><th scope="col">Passage</th></tr></thead>
      <tbody>
        <xsl:for-each select="$events">
          <xsl:variable name="at" select="position()"/>
          <xsl:variable name="stem" select="?record?stem"/>
          <tr>
            <xsl:if test="$index-pages gt 1 and ($at eq 1 or substring(?when, 1, 4) ne substring($events[$at - 1]?when, 1, 4))">
              <xsl:attribute name="id" select="'year-' || substring(?when, 1, 4)"/>
            </xsl:if>
            <td><time datetime="{?when}">{format-date(xs:date(?when), '[D] [MNn] [Y]')}</time>
              <xsl:if test="?inferred"><xsl:text> </xsl:text><span class="inferred">(year inferred)</span></xsl:if></td>
            <td>{?text}</td>
            <td><a href="{ed:local-href($stem || '.html')}{?anchor[.] ! ('#' || .)}">{string-join((?record?number[.] !
                    ('Document ' || .), ?record?title), ': ')}</a>{?passage[.] ! (': ' || .)}</td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:call-template name="h:pages"/>
  </xsl:template>

</xsl:stylesheet>
