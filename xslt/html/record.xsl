<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the site needs to know about a document besides its page, as one JSON object:
    title, date (ISO or ""), dateLabel, sender, recipient, languages, archive  -> index row;
    blocks: [{id, text}]  -> search entries, each linking to a paragraph anchor of the page;
    text                  -> the plain-text download (reading view, notes at the end).
  Called from Python as h:record(document) once per document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:h="urn:x-tei-edition:html"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The blocks of one text a search result can point at: every one has an id in the page. -->
  <xsl:function name="h:search-blocks" as="element()*">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="$text//(p | ab | head | item | l | salute | dateline | signed
        | seg[@type = ('classification', 'receipt', 'cipher')][parent::opener or parent::closer])
        [not(ancestor::note)][not(ancestor::*[self::p or self::ab or self::head or self::item or self::l])]"/>
  </xsl:function>

  <!-- Each text's blocks as {id, text} maps, computed once for the index and the download. -->
  <xsl:function name="h:text-blocks" as="array(map(*))*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="ed:texts($doc) ! array{
        h:search-blocks(.) ! map{'id': ed:anchor(.), 'text': ed:plain(.)}}"/>
  </xsl:function>

  <xsl:function name="h:record" as="xs:string" visibility="public">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:variable name="texts" select="h:text-blocks($doc)"/>
    <xsl:variable name="notes" select="ed:notes-of($doc/*/text)"/>
    <xsl:variable name="blocks" as="map(*)*" select="
        ($texts ! ?*, $notes ! map{'id': ed:note-anchor(.), 'text': ed:plain(node())})
        [normalize-space(?text)]"/>
    <xsl:sequence select="serialize(map{
        'title': ed:title($doc),
        'number': ed:number($doc),
        'citation': ed:citation-fields($doc, h:page-url()),
        'date': string(ed:date-iso($doc)),
        'dateLabel': ed:date-label($doc),
        'sender': string(ed:sender($doc)),
        'recipient': string(ed:recipient($doc)),
        'languages': array{ed:languages($doc) ! ed:language-name($doc, .)},
        'archive': ed:archive-reference($doc),
        'blocks': array{$blocks},
        'text': h:plain-text($doc, $texts, $notes)}, map{'method': 'json', 'indent': false()})"/>
  </xsl:function>

  <!-- The record as the result of a mode, for callers that apply templates (Saxon-C's
       function calls fail once a stylesheet parameter is set). -->
  <xsl:template match="/" mode="h:record">
    <xsl:sequence select="h:record(.)"/>
  </xsl:template>

  <!-- The reading text: each text under its language, blocks separated by blank lines,
       then the notes. -->
  <xsl:function name="h:plain-text" as="xs:string">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="texts" as="array(map(*))*"/>
    <xsl:param name="notes" as="element()*"/>
    <xsl:variable name="elements" select="ed:texts($doc)"/>
    <xsl:variable name="parts" as="xs:string*" select="
        for $i in 1 to count($texts) return string-join((
          upper-case(ed:language-name($doc, string(($elements[$i]/ancestor-or-self::*/@xml:lang)[last()]))),
          $texts[$i]?*?text[normalize-space()]), '&#10;&#10;')"/>
    <xsl:variable name="note-lines" as="xs:string*" select="
        $notes ! ('[' || ed:note-number(.) || '] ' || ed:note-label(.) || ': ' || ed:plain(node()))"/>
    <xsl:sequence select="string-join((ed:title($doc), $parts, ('NOTES'[exists($note-lines)], $note-lines)),
                          '&#10;&#10;') || '&#10;'"/>
  </xsl:function>

</xsl:stylesheet>
