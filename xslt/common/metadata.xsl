<?xml version="1.0" encoding="UTF-8"?>
<!--
  Metadata of one edition document, read from its teiHeader. Every function takes any node
  of the document ($doc) and returns plain values; missing information gives the empty
  sequence (or "" for labels), never an invented value. What the editors supply (elements
  with resp="#editor", from the document's metadata file) is preferred to what the source's
  header says; ed:supplied-by-editors tells which values are theirs.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:array="http://www.w3.org/2005/xpath-functions/array"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The archive's words for the levels of a Russian archival reference, in citation order. -->
  <xsl:variable name="ed:archive-levels" as="map(xs:string, xs:string)"
      select="map{'fond':'Fond', 'opis':'Opis', 'delo':'Delo', 'list':'List', 'listy':'Listy'}"/>
  <xsl:variable name="ed:archive-order" as="xs:string*"
      select="('fond', 'opis', 'delo', 'list', 'listy')"/>

  <xsl:variable name="ed:known-languages" as="map(xs:string, xs:string)"
      select="map{'en':'English', 'ru':'Russian', 'ru-Latn':'Russian (transliterated)',
                  'de':'German', 'fr':'French', 'la':'Latin', 'grc':'Ancient Greek',
                  'it':'Italian', 'zh':'Chinese', 'ko':'Korean', 'mul':'several languages'}"/>

  <xsl:function name="ed:header" as="element(teiHeader)?" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <!-- The usual place first: a search of the whole tree costs as much as the page. -->
    <xsl:sequence select="(root($doc)/*/teiHeader, root($doc)/descendant::teiHeader)[1]"/>
  </xsl:function>

  <!-- The document's title as one normalised string: the editors', else the main title, else
       the first that is not the series' or journal's title (level s, j) nor a subtitle, a
       short title or a date (as the Schnitzler letters give one after the series title). -->
  <xsl:function name="ed:title" as="xs:string" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="titles" select="ed:header($doc)/fileDesc/titleStmt/title"/>
    <xsl:variable name="own" select="$titles[not(@level = ('s', 'j'))]
        [not(@type = ('sub', 'alt', 'short', 'desc', 'iso-date', 'parallel'))]"/>
    <xsl:variable name="title" select="($titles[@resp = '#editor'], $titles[@type = 'main'], $own, $titles)[1]"/>
    <xsl:sequence select="if ($title) then normalize-space(string-join($title//text(), ''))
                          else 'Untitled document'"/>
  </xsl:function>

  <!-- The authors the title statement names, each as one string: a name in several languages
       (DraCor: Russian, then English) as "Александр Сергеевич Пушкин (Alexander Pushkin)". -->
  <xsl:function name="ed:authors" as="xs:string*" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:for-each select="ed:header($doc)/fileDesc/titleStmt/author">
      <xsl:variable name="names" select="distinct-values((persName, orgName, name) ! normalize-space(.)[.])"/>
      <xsl:sequence select="if (exists($names)) then $names[1] || ($names[2] ! (' (' || . || ')'))
                            else normalize-space(string-join(text(), ' '))[.]"/>
    </xsl:for-each>
  </xsl:function>

  <!-- The document's date as ISO 8601 (from its sending, else its citation), if known; a date inside
       the cited title (`Report on 8 October Conversation`) is what the document is about, not its date. -->
  <xsl:function name="ed:date-iso" as="xs:string?" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="h" select="ed:header($doc)"/>
    <xsl:sequence select="(
        ed:sent-by-editors($doc)/date/@when,
        $h/profileDesc/correspDesc/correspAction[@type = 'sent']/date/@when,
        $h/fileDesc/sourceDesc/bibl/date/@when,
        $h/fileDesc/sourceDesc//date[not(ancestor::title)]/@when)[1] ! string(.)"/>
  </xsl:function>

  <!-- The date as the source writes it, else the ISO date, else "". -->
  <xsl:function name="ed:date-label" as="xs:string" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="h" select="ed:header($doc)"/>
    <xsl:variable name="written" select="(ed:sent-by-editors($doc)/date, $h/fileDesc/sourceDesc/bibl/date,
        $h/profileDesc/correspDesc/correspAction[@type = 'sent']/date)[normalize-space()][1]"/>
    <xsl:sequence select="if ($written) then normalize-space($written)
                          else string(ed:date-iso($doc))"/>
  </xsl:function>

  <xsl:function name="ed:repository" as="xs:string?" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)//msIdentifier/repository ! normalize-space(.)[.] => head()"/>
  </xsl:function>

  <!-- "GARF, Fond 5446, Opis 98c, Delo 718, Listy 3-6", or "" when the archive is unknown. -->
  <xsl:function name="ed:archive-reference" as="xs:string" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="editors" select="ed:header($doc)/fileDesc/sourceDesc/bibl[@type = 'archive']"/>
    <xsl:sequence select="if ($editors) then normalize-space($editors[1])
                          else ed:archive-reference-of-source($doc)"/>
  </xsl:function>

  <xsl:function name="ed:archive-reference-of-source" as="xs:string" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="id" select="(ed:header($doc)//msIdentifier)[1]"/>
    <xsl:variable name="levels" as="xs:string*" select="
        for $level in $ed:archive-order return
          $id/idno[@type = $level] ! ($ed:archive-levels($level) || ' ' || normalize-space(.))"/>
    <xsl:sequence select="string-join((ed:repository($doc), $levels), ', ')"/>
  </xsl:function>

  <xsl:function name="ed:translator" as="xs:string?" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="stmt" select="ed:header($doc)/fileDesc/titleStmt"/>
    <xsl:sequence select="($stmt//persName[@xml:id = 'translator'],
        $stmt/respStmt[contains(lower-case(resp), 'translat')]/(persName | name))
        ! normalize-space(.)[.] => head()"/>
  </xsl:function>

  <xsl:function name="ed:source-url" as="xs:string?" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="h" select="ed:header($doc)"/>
    <xsl:sequence select="($h/fileDesc/publicationStmt/idno[@type = 'URI'],
        $h/fileDesc/sourceDesc/bibl//ref/@target) ! normalize-space(.)[.] => head()"/>
  </xsl:function>

  <xsl:function name="ed:publisher" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)/fileDesc/publicationStmt/(publisher | authority)
        ! normalize-space(.)[.] => head()"/>
  </xsl:function>

  <xsl:function name="ed:licence" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="a" select="ed:header($doc)/fileDesc/publicationStmt/availability"/>
    <xsl:sequence select="(($a/licence, $a/p) ! normalize-space(.), 'Not stated.')[1]"/>
  </xsl:function>

  <!-- The address of the licence's text (licence/@target), if the header gives one. -->
  <xsl:function name="ed:licence-url" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(ed:header($doc)/fileDesc/publicationStmt/availability/licence/@target)[1]
        ! normalize-space(.)"/>
  </xsl:function>

  <xsl:function name="ed:correspondents" as="xs:string?" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="names" select="ed:correspondent-names($doc, $action)"/>
    <xsl:sequence select="if ($names) then string-join($names ! normalize-space(.), ', ') else ()"/>
  </xsl:function>

  <!-- The persName, orgName and name elements of the sending or receiving ($action: 'sent',
       'received'): the editors' when they gave them, else the source's. -->
  <xsl:function name="ed:correspondent-names" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="actions" select="ed:header($doc)/profileDesc/correspDesc
        /correspAction[@type = $action][persName | orgName | name]"/>
    <xsl:sequence select="(if ($actions[@resp = '#editor']) then $actions[@resp = '#editor']
        else $actions)/(persName | orgName | name)"/>
  </xsl:function>

  <!-- The placeName of the sending or receiving, the editors' first. -->
  <xsl:function name="ed:correspondence-place" as="element()?">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="actions" select="ed:header($doc)/profileDesc/correspDesc/correspAction[@type = $action]"/>
    <xsl:sequence select="($actions[@resp = '#editor']/placeName, $actions/placeName)[1]"/>
  </xsl:function>

  <!-- The authority identifiers (http or https URIs: VIAF, GND, GeoNames, Wikidata …) of a
       name: its @ref's URIs, and for a pointer "#id" to a person, organisation or place of the
       document's lists (listPerson, listOrg, listPlace), that entry's @ref, @sameAs and URI idnos. -->
  <xsl:function name="ed:authority-uris" as="xs:string*">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="refs" select="tokenize(normalize-space($name/@ref))"/>
    <xsl:variable name="entries" select="for $ref in $refs[starts-with(., '#')]
        return root($name)//*[@xml:id = substring($ref, 2)]"/>
    <xsl:variable name="found" select="$refs, $entries/(@ref, @sameAs) ! tokenize(normalize-space(.)),
        $entries/idno ! normalize-space(.)"/>
    <xsl:sequence select="distinct-values($found[matches(., '^https?://')])"/>
  </xsl:function>

  <!-- Who wrote the document, for its citation: the sender of a letter, else its authors. -->
  <xsl:function name="ed:writer" as="xs:string" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(ed:sender($doc), string-join(ed:authors($doc), '; '))[.][1] => string()"/>
  </xsl:function>

  <xsl:function name="ed:sender" as="xs:string?" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:correspondents($doc, 'sent')"/>
  </xsl:function>

  <xsl:function name="ed:recipient" as="xs:string?" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:correspondents($doc, 'received')"/>
  </xsl:function>

  <!-- The texts a reader reads: the two of a group, or the single text, then any transcription
       of the source as written (sourceDoc: surfaces, zones, lines), which a documentary
       edition may have instead of a text. -->
  <xsl:function name="ed:texts" as="element()*" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="outer" select="root($doc)/*/text"/>
    <xsl:sequence select="(if ($outer/group) then $outer/group/text else $outer), root($doc)/*/sourceDoc"/>
  </xsl:function>

  <xsl:function name="ed:original-text" as="element(text)?" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:texts($doc)[self::text][@type = 'transcription'][1]"/>
  </xsl:function>

  <xsl:function name="ed:translation-text" as="element(text)?" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:texts($doc)[self::text][@type = 'translation'][1]"/>
  </xsl:function>

  <!-- True when an original and its translation can be shown side by side. -->
  <xsl:function name="ed:has-parallel-texts" as="xs:boolean" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="exists(ed:original-text($doc)) and exists(ed:translation-text($doc))"/>
  </xsl:function>

  <!-- The language codes of the texts, in reading order ("mul" left out). -->
  <xsl:function name="ed:languages" as="xs:string*" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="codes" select="ed:texts($doc) ! ed:text-languages(.)"/>
    <xsl:sequence select="distinct-values($codes[. and . ne 'mul'])"/>
  </xsl:function>

  <!-- The language of a text: its own xml:lang; else that of its edition division (EpiDoc, the
       PTA: a Greek edition inside an English TEI); else that of the part holding most of its
       words; else the language it inherits; else the first the header declares. -->
  <xsl:function name="ed:text-language" as="xs:string" cache="yes">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="longest" select="sort(ed:language-parts($text), (), function($part) {-string-length($part)})[1]"/>
    <xsl:sequence select="string(($text/@xml:lang, $text/body/div[@type = 'edition'][@xml:lang][1]/@xml:lang,
        $longest[string-length(.) * 2 gt string-length($text)]/@xml:lang,
        $text/ancestor::*/@xml:lang, ed:header($text)/profileDesc/langUsage/language[1]/@ident)[1])"/>
  </xsl:function>

  <!-- Every language a text is written in to some length: its own, then those of its parts
       that hold a tenth of its words or more (a translation beside an edition). -->
  <xsl:function name="ed:text-languages" as="xs:string*" cache="yes">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="parts" select="ed:language-parts($text)"/>
    <xsl:variable name="length" select="if (exists($parts)) then string-length($text) else 0"/>
    <xsl:sequence select="distinct-values((ed:text-language($text),
        $parts[string-length(.) * 10 ge $length]/@xml:lang ! string(.))[.])"/>
  </xsl:function>

  <!-- The outermost elements of a text that say which language they are in. -->
  <xsl:function name="ed:language-parts" as="element()*">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="$text/descendant::*[@xml:lang][not(ancestor::*[@xml:lang][. >> $text])]"/>
  </xsl:function>

  <xsl:function name="ed:language-name" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="code" as="xs:string"/>
    <xsl:variable name="declared" select="ed:header($doc)/profileDesc/langUsage/language[@ident = $code]"/>
    <xsl:sequence select="(($code[.] ! $ed:known-languages(.)), $declared ! normalize-space(.), $code,
                           'unknown language')[.][1]"/>
  </xsl:function>

  <xsl:function name="ed:is-fragment" as="xs:boolean">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="exists(ed:header($doc)/fileDesc/sourceDesc/bibl[@type = 'fragment'])"/>
  </xsl:function>

  <!-- The summary paragraphs (profileDesc/abstract), as TEI elements to be rendered. -->
  <xsl:function name="ed:summary" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="abstracts" select="ed:header($doc)/profileDesc/abstract"/>
    <xsl:sequence select="($abstracts[@resp = '#editor'], $abstracts)[1]/*"/>
  </xsl:function>

  <!-- The editors' correspAction of the sending (sender, place, date), if they gave one. -->
  <xsl:function name="ed:sent-by-editors" as="element()?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)/profileDesc/correspDesc/correspAction[@type = 'sent'][@resp = '#editor'][1]"/>
  </xsl:function>

  <!-- Which of title, date, sender, recipient, place, archive, summary the editors supplied. -->
  <xsl:function name="ed:supplied-by-editors" as="xs:string*" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="h" select="ed:header($doc)"/>
    <xsl:variable name="sent" select="ed:sent-by-editors($doc)"/>
    <xsl:sequence select="('title'[$h/fileDesc/titleStmt/title[@resp = '#editor']],
        'date'[$sent/date], 'sender'[$sent/(persName | orgName | name)], 'place'[$sent/placeName],
        'recipient'[$h/profileDesc/correspDesc/correspAction[@type = 'received'][@resp = '#editor']],
        'archive'[$h/fileDesc/sourceDesc/bibl[@type = 'archive']],
        'summary'[$h/profileDesc/abstract[@resp = '#editor']])"/>
  </xsl:function>

  <!-- How sure the editors are of the date they supply: high, medium, low; () for the source's. -->
  <xsl:function name="ed:date-cert" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:sent-by-editors($doc)/date/@cert ! string(.)"/>
  </xsl:function>

  <!-- Where the document was written or sent from, if known. -->
  <xsl:function name="ed:place" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(ed:sent-by-editors($doc)/placeName,
        ed:header($doc)/profileDesc/correspDesc/correspAction[@type = 'sent']/placeName)[1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- The editors' notes on the document (notesStmt/note type="editorial"). -->
  <xsl:function name="ed:editors-notes" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)/fileDesc/notesStmt/note[@type = 'editorial']"/>
  </xsl:function>

  <!-- The archive's citation of the document as the source prints it, names and dates marked. -->
  <xsl:function name="ed:source-citation" as="element()?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)/fileDesc/sourceDesc/bibl[@type = 'citation'][1]"/>
  </xsl:function>

  <!-- The source's credits lines (notesStmt/note type="credits"). -->
  <xsl:function name="ed:credits" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)/fileDesc/notesStmt/note[@type = 'credits']"/>
  </xsl:function>

  <!-- The notes saying a text is machine-read, with the scan's address when given. -->
  <xsl:function name="ed:machine-read-notes" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)/fileDesc/notesStmt/note[@type = 'machine-read']"/>
  </xsl:function>

  <!-- The text elements a machine-read note speaks of. -->
  <xsl:function name="ed:is-machine-read" as="xs:boolean">
    <xsl:param name="text" as="element(text)"/>
    <xsl:sequence select="exists(ed:machine-read-notes($text)[@target = '#' || $text/@xml:id])"/>
  </xsl:function>

  <!-- The number the edition gives a document whose TEI carries none: `tei web` numbers a TEI from
       another project in the edition order around those that carry theirs (tei.pipeline.single). -->
  <xsl:param name="document-number" as="xs:string" select="''"/>

  <!-- The document's frozen number in the edition ("12a"): its TEI's, else the one the edition gave it
       (document-number), "" when built outside an edition. -->
  <xsl:function name="ed:number" as="xs:string" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="(string(ed:header($doc)/fileDesc/seriesStmt/biblScope[@unit = 'document']/@n)[.],
                           $document-number)[1]"/>
  </xsl:function>

  <!-- The edition's version ("1.0"), "" when none is given. -->
  <xsl:function name="ed:edition-version" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="string(ed:header($doc)/fileDesc/editionStmt/edition/@n)"/>
  </xsl:function>

  <!-- The title of the edition the document belongs to, "" when none. -->
  <xsl:function name="ed:edition-title" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="normalize-space(ed:header($doc)/fileDesc/seriesStmt/title)"/>
  </xsl:function>

  <!-- Who the editors are (the respStmt of #editor), if named. -->
  <xsl:function name="ed:editors" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)//respStmt/persName[@xml:id = 'editor'] ! normalize-space(.)"/>
  </xsl:function>

  <!-- The edition's editors (seriesStmt/editor), in order. -->
  <xsl:function name="ed:edition-editors" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)/fileDesc/seriesStmt/editor ! normalize-space(.)"/>
  </xsl:function>

  <!-- The document's address in the published edition (seriesStmt/idno type="URI"), if any. -->
  <xsl:function name="ed:edition-url" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)/fileDesc/seriesStmt/idno[@type = 'URI'][1] ! normalize-space(.)"/>
  </xsl:function>

  <!-- The facts every citation of the document is made of, once: the page's "How to cite",
       its citation_* and DC meta tags, and (through the web record) tei.citation's BibTeX, RIS
       and CSL-JSON. $edition-url is the page's address when the TEI does not carry one it may link to;
       an address ed:link-target refuses is no citation's address, since reference managers and
       search engines make these links. -->
  <xsl:function name="ed:citation-fields" as="map(xs:string, item())" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="edition-url" as="xs:string"/>
    <xsl:sequence select="map{
        'title': ed:title($doc), 'date': string(ed:date-iso($doc)), 'dateLabel': ed:date-label($doc),
        'sender': ed:writer($doc), 'recipient': string(ed:recipient($doc)),
        'editionTitle': ed:edition-title($doc), 'editors': array{ed:edition-editors($doc)},
        'version': ed:edition-version($doc), 'number': ed:number($doc),
        'url': string((ed:link-target(ed:edition-url($doc)), $edition-url[.])[1]),
        'archive': ed:archive-reference($doc), 'translator': string(ed:translator($doc)),
        'archivePublisher': string(ed:publisher($doc)), 'sourceUrl': string(ed:link-target(ed:source-url($doc))),
        'language': string(ed:languages($doc)[last()])}"/>
  </xsl:function>

  <!-- A citation of this edition of the document, then of its archival source:
       'A. Mikoyan to CPSU CC, "Title", September 23, 1956. Document 3 in Edition, edited by …,
       version 1.0, URL. Archival source: GARF, …; translated by …; Wilson Center …, URL.'
       The access date is the reader's to add. $edition-url may be "" when not published. -->
  <xsl:function name="ed:citation" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="edition-url" as="xs:string"/>
    <xsl:variable name="f" select="ed:citation-fields($doc, $edition-url)"/>
    <xsl:variable name="document" select="string-join((
        string-join(($f?sender[.], $f?recipient[.] ! ('to ' || .)), ' ')[.],
        '&#x201C;' || $f?title || '&#x201D;', $f?dateLabel[.]), ', ') || '.'"/>
    <xsl:variable name="edition" select="string-join((
        (if ($f?editionTitle) then string-join((('Document ' || $f?number)[$f?number], $f?editionTitle), ' in ')
         else ()),
        ('edited by ' || string-join($f?editors?*, ', '))[array:size($f?editors) gt 0],
        ('version ' || $f?version)[$f?version], $f?url[.]), ', ')"/>
    <xsl:variable name="source" select="string-join((($f?archive[.], 'not stated in the transcription'[ed:is-fragment($doc)])[1],
        $f?translator[.] ! ('translated by ' || .), $f?archivePublisher[.], $f?sourceUrl[.]), '; ')"/>
    <xsl:sequence select="string-join(($document, ($edition || '.')[$edition],
        ('Archival source: ' || $source || '.')[$source]), ' ')"/>
  </xsl:function>

</xsl:stylesheet>
