<?xml version="1.0" encoding="UTF-8"?>
<!--
  A document's text as plain characters, in two forms, for the web edition's download and
  search index and for the plain-text export:
    reading     ed:plain (plain.xsl): deletions out, expansions and insertions in;
    diplomatic  the text as written: deletions in ⟦…⟧, insertions in ⸢…⸣, abbreviations,
                the source's side of a correction, line breaks as new lines (one inside a word,
                break="no", with no space beside it), sheet labels
                on a line of their own in ‖…‖.
  Both keep the editors' and translator's signs in their brackets (ed:brackets), as both
  views of the web edition do, and leave the notes for the end.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The blocks of one text a reader can point at (search hits, citations): paragraphs and
       the like, not inside a note or inside another such block. Every word of the text is in
       one: a play's speakers and stage directions, a title page's parts, an address's lines, an
       opener's or closer's lines and the words they hold outside any line. -->
  <xsl:function name="ed:text-blocks" as="element()*">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="$text//(p | ab | head | item | l | line | salute | dateline | signed
        | speaker | stage | titlePart | docAuthor | docDate | castItem | byline | trailer | addrLine
        | seg[parent::opener or parent::closer][ed:behaviour(.) = 'block']
        | (opener | closer)[text()[normalize-space()]])
        [not(ancestor::note)][not(ancestor::*[self::p or self::ab or self::head or self::item or self::l or self::line
            or self::stage or self::speaker or self::castItem or self::addrLine
            or (self::opener | self::closer)[text()[normalize-space()]]])]"/>
  </xsl:function>

  <!-- What a division the encoder set apart is, said above it in both editions: the words found
       after the end of a document (a scan's next page, a stray line) are kept but are not its text. -->
  <xsl:function name="ed:division-label" as="xs:string?">
    <xsl:param name="div" as="element(div)"/>
    <xsl:sequence select="if ($div/@type = 'stray-fragment')
        then 'Stray fragment: words after the end of the document, kept as transcribed' else ()"/>
  </xsl:function>

  <!-- Each text's blocks as {id, text} maps in one view ('reading' or 'diplomatic'); the
       diplomatic form also has the sheet labels that stand between blocks. -->
  <xsl:function name="ed:block-texts" as="array(map(*))*">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:for-each select="ed:texts($doc)">
      <xsl:variable name="blocks" select="ed:text-blocks(.)"/>
      <xsl:variable name="sheets" select="if ($view = 'diplomatic')
          then .//fw[@type = 'sheet'][not(ancestor::note)][empty(ancestor::* intersect $blocks)] else ()"/>
      <xsl:sequence select="array{($blocks | $sheets) ! map{'id': ed:anchor(.), 'text': ed:element-text(., $view)}}"/>
    </xsl:for-each>
  </xsl:function>

  <!-- One element's text in a view, kept for the transformation: the words of a block are also the
       passage of each date in it (the web record, h:record-dates). -->
  <xsl:function name="ed:element-text" as="xs:string" cache="yes">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="ed:view-text($element, $view)"/>
  </xsl:function>

  <xsl:function name="ed:view-text" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if ($view = 'diplomatic') then ed:diplomatic($nodes) else ed:plain($nodes)"/>
  </xsl:function>

  <!-- The whole document as plain text: the title, each text under its language in capitals,
       blocks separated by blank lines, then the numbered notes. -->
  <xsl:function name="ed:plain-text" as="xs:string">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:param name="texts" as="array(map(*))*"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:variable name="elements" select="ed:texts($doc)"/>
    <xsl:variable name="parts" as="xs:string*" select="
        for $i in 1 to count($texts) return string-join((
          upper-case(ed:language-name($doc, ed:text-language($elements[$i]))),
          $texts[$i]?*?text[normalize-space()]), '&#10;&#10;')"/>
    <xsl:variable name="note-lines" as="xs:string*" select="
        ed:text-notes($doc) ! ('[' || ed:note-number(.) || '] ' || ed:note-label(.) || ': '
                                     || ed:view-text(node(), $view))"/>
    <xsl:sequence select="string-join((ed:title($doc), $parts, ('NOTES'[exists($note-lines)], $note-lines)),
                          '&#10;&#10;') || '&#10;'"/>
  </xsl:function>

  <!-- The diplomatic text of nodes: spaces normalised within each line, lines kept. -->
  <xsl:function name="ed:diplomatic" as="xs:string">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:variable name="lines" select="tokenize(string-join(ed:diplomatic-parts($nodes), ''), '&#10;')
        ! normalize-space(.)"/>
    <xsl:sequence select="string-join($lines[.], '&#10;')"/>
  </xsl:function>

  <xsl:function name="ed:diplomatic-parts" as="xs:string*">
    <xsl:param name="nodes" as="node()*"/>
    <xsl:for-each select="$nodes">
      <xsl:choose>
        <xsl:when test="self::text()">
          <xsl:sequence select="translate(if (following-sibling::node()[1]/@break = 'no'
              or preceding-sibling::node()[1]/@break = 'no') then ed:joined-text(.) else string(.), '&#10;', ' ')"/>
        </xsl:when>
        <xsl:when test="self::note or self::teiHeader or self::facsimile or self::standOff
            or not(self::*) or not(ed:shown-in-diplomatic(.))"/>
        <xsl:when test="self::app">
          <xsl:sequence select="ed:diplomatic-parts(lem)"/>
        </xsl:when>
        <xsl:when test="self::lb">
          <xsl:sequence select="'&#10;'"/>
        </xsl:when>
        <xsl:when test="self::fw[@type = 'sheet']">
          <xsl:sequence select="'&#10;&#x2016;' || normalize-space(.) || '&#x2016;&#10;'"/>
        </xsl:when>
        <!-- A page or column break inside a word joins its parts; a line break starts the line. -->
        <xsl:when test="self::pb or self::cb or self::space">
          <xsl:sequence select="' '[not(ed:is-within-word-break(current()))]"/>
        </xsl:when>
        <xsl:when test="self::del">
          <xsl:sequence select="'&#x27E6;', ed:diplomatic-parts(node()), '&#x27E7;'"/>
        </xsl:when>
        <xsl:when test="self::add">
          <xsl:sequence select="'&#x2E22;', ed:diplomatic-parts(node()), '&#x2E23;'"/>
        </xsl:when>
        <xsl:when test="self::gap">
          <xsl:sequence select="'[' || (desc[normalize-space()] ! normalize-space(.), @reason, '&#x2026;')[1] || ']'"/>
        </xsl:when>
        <xsl:when test="self::supplied or self::sic or self::unclear">
          <xsl:variable name="brackets" select="ed:brackets(.)"/>
          <xsl:sequence select="$brackets[1], ed:diplomatic-parts(node()), $brackets[2]"/>
        </xsl:when>
        <xsl:when test="ed:behaviour(.) = ('block', 'heading')">
          <xsl:sequence select="' ', ed:diplomatic-parts(node()), ' '"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="ed:diplomatic-parts(node())"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:function>

</xsl:stylesheet>
