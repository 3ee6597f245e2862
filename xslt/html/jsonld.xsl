<?xml version="1.0" encoding="UTF-8"?>
<!--
  schema.org JSON-LD in the <head> of every page, for catalogues and search engines: a document
  page describes its document (a CreativeWork that is part of the edition), the index page the
  edition (a Collection). A document's facts are its citation's (ed:citation-fields), so they say
  what "How to cite" and the citation_* and DC.* tags say; the edition's come from edition.toml
  ($edition-json).

  The JSON goes into a <script> of a page that is XHTML served as HTML. An HTML parser reads a
  script's text raw up to the first "</script", and an XML serialiser escapes "<" and "&"; so
  "<", ">", "&" and the characters a serialiser writes as references are written as JSON escapes
  (\u003c …, h:script-safe), and the text is the same JSON to both parsers whatever a title holds.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:h="urn:x-tei-edition:html"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:function name="h:json-ld-script" as="element()">
    <xsl:param name="data" as="map(*)"/>
    <script type="application/ld+json">
      <xsl:value-of select="h:script-safe(serialize($data, map{'method': 'json', 'indent': false()}))"/>
    </script>
  </xsl:function>

  <!-- JSON text with every character an HTML or XML reader of the page could change written as a
       JSON escape: "<", ">", "&", and the controls and line separators the serialiser would
       otherwise write as character references (which an HTML parser leaves undecoded in a script). -->
  <xsl:function name="h:script-safe" as="xs:string">
    <xsl:param name="json" as="xs:string"/>
    <xsl:sequence select="string-join(analyze-string($json, '[&lt;&gt;&amp;&#x7F;-&#x9F;&#x2028;&#x2029;]')/*
        ! (if (self::fn:match) then h:json-escape(string(.)) else string(.)))"/>
  </xsl:function>

  <xsl:function name="h:json-escape" as="xs:string">
    <xsl:param name="char" as="xs:string"/>
    <xsl:variable name="code" select="string-to-codepoints($char)"/>
    <xsl:sequence select="'\u' || string-join(for $unit in (4096, 256, 16, 1)
        return substring('0123456789abcdef', ($code idiv $unit) mod 16 + 1, 1))"/>
  </xsl:function>

  <!-- The people or organisations of the sending or receiving, typed by their TEI element. -->
  <xsl:function name="h:json-ld-agents" as="map(*)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:sequence select="ed:correspondent-names($doc, $action) ! map{
        '@type': if (local-name(.) = 'orgName') then 'Organization' else 'Person',
        'name': normalize-space(.)}"/>
  </xsl:function>

  <!-- One agent as itself, several as an array, none as nothing. -->
  <xsl:function name="h:json-ld-one-or-many" as="item()?">
    <xsl:param name="items" as="item()*"/>
    <xsl:sequence select="if (count($items) gt 1) then array{$items} else $items"/>
  </xsl:function>

  <xsl:function name="h:people" as="array(*)">
    <xsl:param name="names" as="xs:string*"/>
    <xsl:sequence select="array{$names ! map{'@type': 'Person', 'name': .}}"/>
  </xsl:function>

  <xsl:function name="h:document-json-ld" as="element()">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="f" select="ed:citation-fields($doc, h:page-url())"/>
    <xsl:variable name="edition" select="map:merge((map{'@type': 'Collection', 'name': $f?editionTitle},
        map{'editor': h:people($f?editors?*)}[array:size($f?editors) gt 0],
        map{'version': $f?version}[$f?version]))"/>
    <xsl:sequence select="h:json-ld-script(map:merge((
        map{'@context': 'https://schema.org', '@type': 'CreativeWork', 'name': $f?title},
        map{'dateCreated': $f?date}[$f?date],
        map{'author': h:json-ld-one-or-many(h:json-ld-agents($doc, 'sent'))}[exists(h:json-ld-agents($doc, 'sent'))],
        map{'recipient': h:json-ld-one-or-many(h:json-ld-agents($doc, 'received'))}
            [exists(h:json-ld-agents($doc, 'received'))],
        map{'translator': map{'@type': 'Person', 'name': $f?translator}}[$f?translator],
        map{'inLanguage': array{ed:languages($doc)}}[exists(ed:languages($doc))],
        map{'url': $f?url}[$f?url],
        map{'position': $f?number}[$f?number],
        map{'isBasedOn': $f?sourceUrl}[$f?sourceUrl],
        map{'isPartOf': $edition}[$f?editionTitle])))"/>
  </xsl:function>

  <xsl:function name="h:edition-json-ld" as="element()">
    <xsl:variable name="e" select="parse-json($edition-json)"/>
    <xsl:sequence select="h:json-ld-script(map:merge((
        map{'@context': 'https://schema.org', '@type': 'Collection', 'name': $edition-title},
        map{'editor': h:people($e?editors?*)}[exists($e?editors?*)],
        map{'publisher': map{'@type': 'Organization', 'name': $e?publisher}}[$e?publisher],
        map{'version': $e?version}[$e?version],
        map{'license': $e?licence}[$e?licence],
        map{'url': $base-url}[$base-url])))"/>
  </xsl:function>

</xsl:stylesheet>
