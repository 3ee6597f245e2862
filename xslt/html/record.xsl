<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the site needs to know about a document besides its page, as one JSON object:
    title, date (ISO or ""), dateLabel, sender, recipient, languages, archive  -> index row;
    names: [[ref, text, anchor, where]] (arrays: cheaper to serialise than maps; Python makes them
           {ref, text, anchor, where}), dates: [{when, text, inferred, anchor, passage}] -> index pages, chronology;
    repository            -> the archive facet of the search;
    texts: [{lang, language, blocks: [{id, text}]}]  -> one search record per text, in its own
                             language, each block linking to a paragraph anchor of the page
                             (a text's notes are blocks of that text).
  Made once per document, beside its page and its plain-text download (reading view, notes at the
  end), by the mode h:page-and-record (html.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:h="urn:x-tei-edition:html"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Each text with its language and its searchable blocks: paragraphs, then its notes. -->
  <xsl:function name="h:search-texts" as="map(*)*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="texts" as="array(map(*))*"/>
    <xsl:variable name="elements" select="ed:texts($doc)"/>
    <xsl:sequence select="for $i in 1 to count($texts) return
        let $lang := string($elements[$i]/ancestor-or-self::*[@xml:lang][1]/@xml:lang)
        return map{'lang': $lang, 'language': ed:language-name($doc, $lang),
          'blocks': array{($texts[$i]?*, ed:notes-of($elements[$i]) ! map{'id': ed:note-anchor(.),
                                                                       'text': ed:plain(node())})
                          [normalize-space(?text)]}}"/>
  </xsl:function>

  <!-- The record, from the document and its texts' blocks ($texts: ed:block-texts in the reading view). -->
  <xsl:function name="h:record" as="xs:string" visibility="public">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="texts" as="array(map(*))*"/>
    <xsl:sequence select="serialize(map{
        'title': ed:title($doc),
        'number': ed:number($doc),
        'citation': ed:citation-fields($doc, h:page-url()),
        'date': string(ed:date-iso($doc)),
        'dateLabel': ed:date-label($doc),
        'sender': string(ed:sender($doc)),
        'recipient': string(ed:recipient($doc)),
        'authors': array{ed:authors($doc)},
        'languages': array{ed:languages($doc) ! ed:language-name($doc, .)},
        'archive': ed:archive-reference($doc),
        'repository': string(ed:repository($doc)),
        'texts': array{h:search-texts($doc, $texts)},
        'names': h:record-names($doc),
        'dates': h:record-dates($doc)}, map{'method': 'json', 'indent': false()})"/>
  </xsl:function>

  <!-- The facts that place a TEI given to `tei web` in the edition order before its page is made (the
       page shows its number and links its neighbours): the date and title its index row shows, and the
       number its TEI carries. -->
  <xsl:template match="/" mode="h:order-facts">
    <xsl:value-of select="serialize(map{'date': string(ed:date-iso(.)), 'title': ed:title(.),
                                        'number': ed:number(.)}, map{'method': 'json'})"/>
  </xsl:template>

  <!-- The page, its record and its plain text in one transformation, so that what they read is
       computed once (the document's facts, the anchors, the accumulators: Saxon keeps them, and the
       results of the functions marked cache="yes", for one transformation; the blocks' texts are
       passed on). The page is the principal result; the record and the plain text are result
       documents the caller captures (tei.render.html.WebRenderer), never written. The plain text
       stands apart from the record's JSON: serialising it as JSON cost a fifth of the record. -->
  <xsl:template match="/" mode="h:page-and-record">
    <xsl:apply-templates select="." mode="h:page"/>
    <xsl:variable name="texts" select="ed:block-texts(., 'reading')"/>
    <xsl:result-document href="record.json" method="text">
      <xsl:value-of select="h:record(., $texts)"/>
    </xsl:result-document>
    <xsl:result-document href="text.txt" method="text">
      <xsl:value-of select="ed:plain-text(., $texts, 'reading')"/>
    </xsl:result-document>
  </xsl:template>

</xsl:stylesheet>
