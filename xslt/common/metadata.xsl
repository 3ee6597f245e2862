<?xml version="1.0" encoding="UTF-8"?>
<!--
  Metadata of one edition document, read from its teiHeader. Every function takes any node
  of the document ($doc) and returns plain values; missing information gives the empty
  sequence (or "" for labels), never an invented value.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
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

  <xsl:function name="ed:header" as="element(teiHeader)?">
    <xsl:param name="doc" as="node()"/>
    <!-- The usual place first: a search of the whole tree costs as much as the page. -->
    <xsl:sequence select="(root($doc)/*/teiHeader, root($doc)/descendant::teiHeader)[1]"/>
  </xsl:function>

  <!-- The document's title as one normalised string. -->
  <xsl:function name="ed:title" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="title" select="ed:header($doc)/fileDesc/titleStmt/title[1]"/>
    <xsl:sequence select="if ($title) then normalize-space(string-join($title//text(), ''))
                          else 'Untitled document'"/>
  </xsl:function>

  <!-- The document's date as ISO 8601 (from its sending, else its citation), if known. -->
  <xsl:function name="ed:date-iso" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="h" select="ed:header($doc)"/>
    <xsl:sequence select="(
        $h/profileDesc/correspDesc/correspAction[@type = 'sent']/date/@when,
        $h/fileDesc/sourceDesc/bibl/date/@when,
        $h/fileDesc/sourceDesc//date/@when)[1] ! string(.)"/>
  </xsl:function>

  <!-- The date as the source writes it, else the ISO date, else "". -->
  <xsl:function name="ed:date-label" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="h" select="ed:header($doc)"/>
    <xsl:variable name="written" select="($h/fileDesc/sourceDesc/bibl/date,
        $h/profileDesc/correspDesc/correspAction[@type = 'sent']/date)[normalize-space()][1]"/>
    <xsl:sequence select="if ($written) then normalize-space($written)
                          else string(ed:date-iso($doc))"/>
  </xsl:function>

  <xsl:function name="ed:repository" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)//msIdentifier/repository ! normalize-space(.)[.] => head()"/>
  </xsl:function>

  <!-- "GARF, Fond 5446, Opis 98c, Delo 718, Listy 3-6", or "" when the archive is unknown. -->
  <xsl:function name="ed:archive-reference" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="id" select="(ed:header($doc)//msIdentifier)[1]"/>
    <xsl:variable name="levels" as="xs:string*" select="
        for $level in $ed:archive-order return
          $id/idno[@type = $level] ! ($ed:archive-levels($level) || ' ' || normalize-space(.))"/>
    <xsl:sequence select="string-join((ed:repository($doc), $levels), ', ')"/>
  </xsl:function>

  <xsl:function name="ed:translator" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="stmt" select="ed:header($doc)/fileDesc/titleStmt"/>
    <xsl:sequence select="($stmt//persName[@xml:id = 'translator'],
        $stmt/respStmt[contains(lower-case(resp), 'translat')]/(persName | name))
        ! normalize-space(.)[.] => head()"/>
  </xsl:function>

  <xsl:function name="ed:source-url" as="xs:string?">
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

  <xsl:function name="ed:correspondents" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="action" as="xs:string"/>
    <xsl:variable name="names" select="ed:header($doc)/profileDesc/correspDesc
        /correspAction[@type = $action]/(persName | orgName | name)"/>
    <xsl:sequence select="if ($names) then string-join($names ! normalize-space(.), ', ') else ()"/>
  </xsl:function>

  <xsl:function name="ed:sender" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:correspondents($doc, 'sent')"/>
  </xsl:function>

  <xsl:function name="ed:recipient" as="xs:string?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:correspondents($doc, 'received')"/>
  </xsl:function>

  <!-- The text elements a reader reads: the two of a group, or the single text. -->
  <xsl:function name="ed:texts" as="element(text)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="outer" select="root($doc)/*/text"/>
    <xsl:sequence select="if ($outer/group) then $outer/group/text else $outer"/>
  </xsl:function>

  <xsl:function name="ed:original-text" as="element(text)?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:texts($doc)[@type = 'transcription'][1]"/>
  </xsl:function>

  <xsl:function name="ed:translation-text" as="element(text)?">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:texts($doc)[@type = 'translation'][1]"/>
  </xsl:function>

  <!-- True when an original and its translation can be shown side by side. -->
  <xsl:function name="ed:has-parallel-texts" as="xs:boolean">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="exists(ed:original-text($doc)) and exists(ed:translation-text($doc))"/>
  </xsl:function>

  <!-- The language codes of the texts, in reading order ("mul" left out). -->
  <xsl:function name="ed:languages" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="codes" select="ed:texts($doc) ! string((ancestor-or-self::*/@xml:lang)[last()])"/>
    <xsl:sequence select="distinct-values($codes[. and . ne 'mul'])"/>
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
    <xsl:sequence select="ed:header($doc)/profileDesc/abstract/*"/>
  </xsl:function>

  <!-- A citation of this edition of the document; $edition-url may be "" when not published. -->
  <xsl:function name="ed:citation" as="xs:string">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="edition-url" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*" select="(
        '&#x201C;' || ed:title($doc) || '&#x201D;',
        ed:date-label($doc)[.],
        ed:archive-reference($doc)[.],
        ed:translator($doc) ! ('translated by ' || .),
        ed:publisher($doc),
        ed:source-url($doc),
        $edition-url[.] ! ('TEI edition: ' || .))"/>
    <xsl:sequence select="string-join($parts, ', ') || '.'"/>
  </xsl:function>

</xsl:stylesheet>
