<?xml version="1.0" encoding="UTF-8"?>
<!-- Every parameter of the HTML output, typed, in one place. Python sets them per page. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- The page's file name without ".html"; also names the TEI, text and PDF downloads. -->
  <xsl:param name="stem" as="xs:string" select="'document'"/>
  <!-- The permalinks of the page's paragraphs, computed by Python from the same tree
       (tei.render.permalinks, ed:permalink's rule): a line for every element named p or ab, in
       document order. "" = none handed over: h:permalink then computes each with ed:permalink. -->
  <xsl:param name="paragraph-permalinks" as="xs:string" select="''"/>
  <!-- The edition's name, shown in every page header. -->
  <!-- The page images shipped beside the TEI and copied into facsimile/STEM/, one relative
       address a line (tei.render.html.facsimile_files). -->
  <xsl:param name="facsimile-images" as="xs:string" select="''"/>
  <xsl:param name="edition-title" as="xs:string" select="'Digital edition'"/>
  <!-- Where the site will be published ("" = unknown): makes citations carry a full URL. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>
  <!-- The page's permanent address under base-url ("" = unknown), from tei.names (one naming scheme). -->
  <xsl:param name="page-url" as="xs:string" select="''"/>
  <!-- The link to the document's PDF edition ("" = no PDF to offer). -->
  <xsl:param name="pdf-href" as="xs:string" select="''"/>
  <!-- The index page's rows: a JSON array of the records ed-html:record returns. -->
  <xsl:param name="records-json" as="xs:string" select="'[]'"/>
  <!-- A long list is cut into pages (tei.render.listings.ROWS rows each): this page's number,
       their count, the number of rows in all (documents, dates), and the years to browse by, a JSON
       array of {"year", "count", "href"} (href: the page and anchor where the year starts). -->
  <xsl:param name="index-page" as="xs:integer" select="1"/>
  <xsl:param name="index-pages" as="xs:integer" select="1"/>
  <xsl:param name="index-total" as="xs:integer" select="0"/>
  <xsl:param name="years-json" as="xs:string" select="'[]'"/>
  <xsl:param name="first-row" as="xs:integer" select="1"/>
  <xsl:param name="previous-page" as="xs:string" select="''"/>
  <xsl:param name="next-page" as="xs:string" select="''"/>
  <!-- The previous and next documents in the edition order (page stem and link text),
       "" for none; tei build sets them from the document's place (tei.pipeline.order). -->
  <xsl:param name="previous-stem" as="xs:string" select="''"/>
  <xsl:param name="previous-label" as="xs:string" select="''"/>
  <xsl:param name="next-stem" as="xs:string" select="''"/>
  <xsl:param name="next-label" as="xs:string" select="''"/>
  <!-- The edition's editors, publisher, version and licence as a JSON object (WebOptions.edition_json). -->
  <xsl:param name="edition-json" as="xs:string" select="'{}'"/>
  <!-- The authority lists (tei.authority.authorities_json): entries with ref, kind, headword, forms,
       identifiers (with a url only when verified) and note. -->
  <xsl:param name="authorities-json" as="xs:string" select="'[]'"/>
  <!-- The edition's index pages, linked from every index: the kinds of name its texts use (person, org,
       place) and "chronology" when they have dates (tei.render.listings.Listings.kinds); an empty one is not made. -->
  <xsl:param name="indices" as="xs:string" select="'person org place chronology'"/>
  <!-- The kind of entry an index page lists: person, org or place. -->
  <xsl:param name="entity-kind" as="xs:string" select="'person'"/>
  <!-- The entries of that kind the texts name (tei.render.listings): a JSON array of {"ref", "count" (of
       documents naming it), "passages" (a line a document)} or, for an entry named in too many documents to
       list on the index page, {"ref", "count", "pages", "href"} (the first of the pages of its own). -->
  <xsl:param name="entries-json" as="xs:string" select="'[]'"/>
  <!-- One page of an entry's own pages: {"ref", "count", "passages"}. -->
  <xsl:param name="entry-json" as="xs:string" select="'{}'"/>
  <!-- One page of the chronology: its dated passages, each with its document ("record"), in date order. -->
  <xsl:param name="events-json" as="xs:string" select="'[]'"/>
  <!-- A fixed build date for reproducible pages ("" = none shown); never the clock. -->
  <xsl:param name="build-date" as="xs:string" select="''"/>

</xsl:stylesheet>
