<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet of the web edition. One compiled stylesheet serves every output of the site:
    - apply templates to a TEI document (initial mode: default)  -> the document's page;
    - apply templates in mode h:page-and-record                  -> the page and, in the same
                                                                    transformation, the record (JSON:
                                                                    its index row and search entries,
                                                                    h:record) and the plain text as the
                                                                    result documents "record.json" and
                                                                    "text.txt";
    - call template "index" with $records-json                   -> the index page.
  Meaning comes from ../common/ (ed:*); the modules below only decide how it looks in HTML.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:h="urn:x-tei-edition:html"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>

  <xsl:include href="params.xsl"/>
  <xsl:include href="page.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="textstructure.xsl"/>
  <xsl:include href="core.xsl"/>
  <xsl:include href="transcr.xsl"/>
  <xsl:include href="textcrit.xsl"/>
  <xsl:include href="sourcedoc.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="facsimile.xsl"/>
  <xsl:include href="fallback.xsl"/>
  <xsl:include href="index.xsl"/>
  <xsl:include href="record.xsl"/>
  <xsl:include href="jsonld.xsl"/>
  <xsl:include href="entities.xsl"/>

  <!-- ed:anchor counts elements with an accumulator: the initial modes must enable it. -->
  <xsl:mode use-accumulators="#all"/>
  <xsl:mode name="h:page" use-accumulators="#all"/>
  <xsl:mode name="h:page-and-record" use-accumulators="#all"/>

  <!-- XHTML syntax served as HTML: every page is also well-formed XML. -->
  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no"
              omit-xml-declaration="yes" include-content-type="no"/>

</xsl:stylesheet>
