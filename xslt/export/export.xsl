<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet of the exports (tei export, the export formats of tei build): one document's
  facts, read by the common layer (ed:*), as one JSON object, and its plain text in the reading
  and diplomatic forms. tei/export/record.py calls it once per document; every export format is
  written in Python from these records and edition.toml, so a fact is read from the TEI once.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:x="urn:x-tei-edition:export"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/common.xsl"/>

  <xsl:mode name="x:record" use-accumulators="#all"/>

  <xsl:template match="/" mode="x:record">
    <xsl:sequence select="serialize(x:record(.), map{'method': 'json', 'indent': false()})"/>
  </xsl:template>

  <xsl:function name="x:record" as="map(*)">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="h" select="ed:header($doc)"/>
    <xsl:sequence select="map{
        'title': ed:title($doc),
        'titleGiven': exists($h/fileDesc/titleStmt/title[normalize-space()]),
        'date': string(ed:date-iso($doc)), 'dateLabel': ed:date-label($doc),
        'dateCert': string(ed:date-cert($doc)),
        'sender': string(ed:sender($doc)), 'recipient': string(ed:recipient($doc)),
        'place': string(ed:place($doc)),
        'archive': ed:archive-reference($doc), 'repository': string(ed:repository($doc)),
        'translators': array{$h/fileDesc/titleStmt/respStmt[contains(lower-case(resp), 'translat')]
            /(persName | name | orgName)[normalize-space()] ! x:name(.)},
        'encoders': array{$h/fileDesc/titleStmt/respStmt[contains(lower-case(resp), 'encoding')]
            /(persName | name | orgName)[normalize-space()] ! x:name(.)},
        'sourceUrl': string(ed:source-url($doc)), 'editionUrl': string(ed:edition-url($doc)),
        'languages': array{ed:languages($doc)},
        'languageNames': array{ed:languages($doc) ! ed:language-name($doc, .)},
        'number': ed:number($doc), 'fragment': ed:is-fragment($doc),
        'licence': ed:licence($doc), 'licenceUrl': string(ed:licence-url($doc)),
        'summary': string-join(ed:summary($doc) ! ed:plain(.), '&#10;&#10;'),
        'senders': array{ed:correspondent-names($doc, 'sent') ! x:name(.)},
        'addressees': array{ed:correspondent-names($doc, 'received') ! x:name(.)},
        'sentPlaces': array{ed:correspondence-place($doc, 'sent') ! x:name(.)},
        'receivedPlaces': array{ed:correspondence-place($doc, 'received') ! x:name(.)},
        'sentDate': x:date($doc),
        'texts': array{ed:texts($doc) ! x:text(., position())},
        'reading': ed:plain-text($doc, ed:block-texts($doc, 'reading'), 'reading'),
        'diplomatic': ed:plain-text($doc, ed:block-texts($doc, 'diplomatic'), 'diplomatic')}"/>
  </xsl:function>

  <!-- A person, organisation or place: its name, its kind (the element's name) and its
       authority identifiers. -->
  <xsl:function name="x:name" as="map(*)">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="map{'name': normalize-space($name), 'kind': local-name($name),
        'uris': array{ed:authority-uris($name)}}"/>
  </xsl:function>

  <!-- The sending's date attributes (when, notBefore, notAfter, from, to), the editors' first;
       else the document's ISO date as "when". -->
  <xsl:function name="x:date" as="map(*)">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="sent" select="ed:header($doc)/profileDesc/correspDesc/correspAction[@type = 'sent']"/>
    <xsl:variable name="date" select="($sent[@resp = '#editor']/date, $sent/date)
        [@when or @notBefore or @notAfter or @from or @to][1]"/>
    <xsl:sequence select="if ($date) then map:merge($date/(@when, @notBefore, @notAfter, @from, @to)
            ! map{local-name(.): string(.)})
        else map:merge(ed:date-iso($doc) ! map{'when': .})"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- One text of the document (or its sourceDoc) and the blocks a citation can point at
       (its paragraphs, or lines). -->
  <xsl:function name="x:text" as="map(*)">
    <xsl:param name="text" as="element()"/>
    <xsl:param name="position" as="xs:integer"/>
    <xsl:sequence select="map{'id': string(($text/@xml:id, 'text-' || $position)[1]),
        'lang': ed:text-language($text),
        'type': string($text/@type),
        'blocks': array{ed:text-blocks($text) ! map{'id': ed:anchor(.), 'kind': local-name(.)}}}"/>
  </xsl:function>

</xsl:stylesheet>
