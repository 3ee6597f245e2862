<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to XHTML as data for the print template (xslt/print/edition.typ, laid out by Typst).
  The entry of the print edition.

  Input: one TEI document (a PDF of that document) or a teiCorpus of TEI documents (the
  volume: title page, contents, note on method, then every document). What a TEI feature
  means comes from ../common/; the modules here decide only how it looks on paper:
    params.xsl     typed parameters of the print edition
    volume.xsl     title page, table of contents, note on editorial method
    document.xsl   one document: its heading, source note, labelled texts
    blocks.xsl     paragraphs, opener/closer, lists, sheet numbers in the margin
    inline.xsl     editorial signs, footnotes, the lettered apparatus
    sourcedoc.xsl  the document as written (sourceDoc): pages, zones, numbered lines
    registers.xsl  lists of persons, places, organisations, works: a compact register
  The XHTML is data, not a web page: its elements say what a block or phrase is, its classes
  what xslt/common decided. edition.typ, the one template, decides how all of it looks on the
  page: pagination, running heads, footnotes, the signs' appearance.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:pr="urn:x-tei-edition:print"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>
  <xsl:include href="params.xsl"/>
  <xsl:include href="volume.xsl"/>
  <xsl:include href="document.xsl"/>
  <xsl:include href="blocks.xsl"/>
  <xsl:include href="inline.xsl"/>
  <xsl:include href="sourcedoc.xsl"/>
  <xsl:include href="registers.xsl"/>

  <!-- ed:anchor and ed:note-number read accumulators: the initial mode must enable them. -->
  <xsl:mode use-accumulators="#all"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:template match="/">
    <xsl:variable name="documents" select="pr:documents(.)"/>
    <html lang="en">
      <head>
        <xsl:call-template name="pr:head">
          <xsl:with-param name="documents" select="$documents"/>
        </xsl:call-template>
      </head>
      <body class="{if ($pr:is-volume) then 'volume' else 'single'}">
        <xsl:if test="$pr:is-volume">
          <xsl:call-template name="pr:front-matter">
            <xsl:with-param name="documents" select="$documents"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:for-each select="$documents">
          <xsl:apply-templates select="." mode="pr:document">
            <xsl:with-param name="number" select="position() + $pr:number-offset"/>
          </xsl:apply-templates>
        </xsl:for-each>
        <xsl:if test="$pr:is-volume">
          <xsl:call-template name="pr:indices">
            <xsl:with-param name="documents" select="$documents"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="not($pr:is-volume)">
          <xsl:call-template name="pr:legend">
            <xsl:with-param name="documents" select="$documents"/>
          </xsl:call-template>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <!-- The TEI documents to print, in the order given. Each document of a corpus becomes a
       document node of its own, because the common layer reads a document from its root
       (its header, its ids, its numbering). -->
  <xsl:function name="pr:documents" as="element(TEI)*">
    <xsl:param name="root" as="document-node()"/>
    <xsl:sequence select="$root/TEI, $root/teiCorpus/TEI ! pr:own-document(.)/TEI"/>
  </xsl:function>

  <xsl:function name="pr:own-document" as="document-node()">
    <xsl:param name="tei" as="element(TEI)"/>
    <xsl:document><xsl:sequence select="$tei"/></xsl:document>
  </xsl:function>

  <!-- PDF metadata: edition.typ reads the title, the meta elements and html/@lang. -->
  <xsl:template name="pr:head">
    <xsl:param name="documents" as="element(TEI)*"/>
    <xsl:variable name="one" select="$documents[1]"/>
    <meta charset="UTF-8"/>
    <title>
      <xsl:value-of select="if ($pr:is-volume or empty($one))
          then string-join(($pr:edition-title, $pr:volume-label[.]), ': ') else ed:title($one)"/>
    </title>
    <!-- The volume's editors; without them, and for one document, the translators: the
         makers of the English text the edition prints. -->
    <xsl:variable name="translators" select="distinct-values($documents ! ed:translator(.)[.])"/>
    <xsl:for-each select="if ($pr:is-volume and exists($pr:editor-list)) then $pr:editor-list
                          else $translators">
      <meta name="author" content="{.}"/>
    </xsl:for-each>
    <meta name="description" content="{pr:subject($documents)}"/>
    <meta name="keywords" content="{string-join(pr:keywords($documents), ', ')}"/>
    <meta name="generator" content="tei-edition"/>
    <xsl:if test="$pr:build-date">
      <meta name="dcterms.created" content="{$pr:build-date}"/>
      <meta name="dcterms.modified" content="{$pr:build-date}"/>
    </xsl:if>
  </xsl:template>

  <xsl:function name="pr:subject" as="xs:string">
    <xsl:param name="documents" as="element(TEI)*"/>
    <xsl:sequence select="if ($pr:is-volume)
        then 'A print edition of ' || count($documents) || ' archival documents, each in TEI P5.'
        else string-join((ed:date-label($documents[1])[.], ed:archive-reference($documents[1])[.]), '; ')"/>
  </xsl:function>

  <xsl:function name="pr:keywords" as="xs:string*">
    <xsl:param name="documents" as="element(TEI)*"/>
    <xsl:variable name="languages" select="distinct-values($documents ! (for $code in ed:languages(.)
        return ed:language-name(., $code)))"/>
    <xsl:sequence select="('TEI', 'scholarly edition', distinct-values($documents ! ed:repository(.)),
        $languages)"/>
  </xsl:function>

</xsl:stylesheet>
