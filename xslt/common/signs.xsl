<?xml version="1.0" encoding="UTF-8"?>
<!--
  Editorial signs: which sign each TEI element is, how it behaves in a page (the TEI
  Publisher vocabulary: block, inline, heading, list, note, alternate, break, omit) and
  whether the reading view or the diplomatic view shows it.

  The signs ($ed:signs) are data: one name per sign, in legend order; $ed:sign-meanings
  says what each means to a reader, for the legends of both editions. The signs are TEI's
  (an element and its attributes, the `ed:sign` templates below), never the transcription's
  notation, which is the encoder's table (tei/conventions.py): TEI from any encoder gets the
  same legend.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- A list of names, not elements: a tree would be built again for every document. -->
  <xsl:variable name="ed:signs" as="xs:string+" select="(
      'handwritten', 'addition', 'deletion', 'ocr-deletion', 'variant', 'witness-reading', 'supplied',
      'identification', 'expansion', 'sic', 'correction', 'gap', 'unclear', 'stamp', 'foreign',
      'space', 'sheet-break', 'translator-note', 'editorial-note', 'note', 'unclassified',
      'unbalanced')"/>

  <!-- What each sign means, in a reader's words for any document and any medium (never the
       transcription's notation): the legends of the web and print editions. A medium that
       draws a sign with more (a label, something to choose) says so in its own words. -->
  <xsl:variable name="ed:sign-meanings" as="map(xs:string, xs:string)" select="map{
      'handwritten': 'Written by hand on the typed document.',
      'addition': 'Words added by hand, between the half brackets, followed by the hand that added them.',
      'deletion': 'Words struck through in the document.',
      'ocr-deletion': 'Words marked as deleted in the scanned original.',
      'variant': 'What the handwritten version of the document has here.',
      'witness-reading': 'What other witnesses of the text read here, given in the apparatus with their sigla.',
      'supplied': 'Words the translator added to make the sense clear.',
      'identification': 'The translator&#x2019;s identification of a person or thing.',
      'expansion': 'An abbreviation as written, with the letters the editors supply to read it in full.',
      'sic': 'So in the document: the mistake is the original&#x2019;s, not the edition&#x2019;s.',
      'correction': 'An evident error corrected by the editors.',
      'gap': 'Words that cannot be read.',
      'unclear': 'Words read with doubt.',
      'stamp': 'A stamp on the document.',
      'foreign': 'A word of the original, written in Latin letters.',
      'space': 'Blank space in the document.',
      'sheet-break': 'A new sheet of the archival file begins here, with its number.',
      'translator-note': 'A note by the translator.',
      'editorial-note': 'A note by the editors.',
      'note': 'A note.',
      'unclassified': 'A bracketed remark of the document the edition could not classify, kept as written.',
      'unbalanced': 'A bracket without its partner, kept as written.'}"/>

  <!-- The only elements that can be a sign, as a map's keys: a look-up is a cheap test before the
       templates below, where comparing a name with a list of names is not (every element is tested). -->
  <xsl:variable name="ed:sign-elements" as="map(xs:string, xs:boolean)" select="map:merge(('seg', 'add', 'del',
      'app', 'supplied', 'expan', 'choice', 'sic', 'gap', 'unclear', 'stamp', 'foreign', 'space', 'pb',
      'note') ! map{.: true()})"/>

  <!-- The sign an element is, as a name of $ed:signs; the empty sequence for plain text. -->
  <xsl:function name="ed:sign" as="xs:string?" cache="yes">
    <xsl:param name="element" as="element()"/>
    <xsl:if test="map:contains($ed:sign-elements, local-name($element))">
      <xsl:apply-templates select="$element" mode="ed:sign"/>
    </xsl:if>
  </xsl:function>

  <xsl:mode name="ed:sign" on-no-match="deep-skip"/>
  <xsl:template mode="ed:sign" match="seg[@type = 'handwritten']"><xsl:sequence select="'handwritten'"/></xsl:template>
  <xsl:template mode="ed:sign" match="add"><xsl:sequence select="'addition'"/></xsl:template>
  <xsl:template mode="ed:sign" match="del[@type = 'ocr']"><xsl:sequence select="'ocr-deletion'"/></xsl:template>
  <xsl:template mode="ed:sign" match="del"><xsl:sequence select="'deletion'"/></xsl:template>
  <xsl:template mode="ed:sign" match="app"><xsl:sequence select="'variant'"/></xsl:template>
  <xsl:template mode="ed:sign" match="app[ed:app-kind(.) = 'variant']"><xsl:sequence select="'witness-reading'"/></xsl:template>
  <xsl:template mode="ed:sign" match="supplied[@reason = 'identification']"><xsl:sequence select="'identification'"/></xsl:template>
  <xsl:template mode="ed:sign" match="supplied"><xsl:sequence select="'supplied'"/></xsl:template>
  <xsl:template mode="ed:sign" match="expan"><xsl:sequence select="'expansion'"/></xsl:template>
  <xsl:template mode="ed:sign" match="choice[corr]"><xsl:sequence select="'correction'"/></xsl:template>
  <xsl:template mode="ed:sign" match="sic"><xsl:sequence select="'sic'"/></xsl:template>
  <xsl:template mode="ed:sign" match="gap"><xsl:sequence select="'gap'"/></xsl:template>
  <xsl:template mode="ed:sign" match="unclear"><xsl:sequence select="'unclear'"/></xsl:template>
  <xsl:template mode="ed:sign" match="stamp"><xsl:sequence select="'stamp'"/></xsl:template>
  <xsl:template mode="ed:sign" match="foreign"><xsl:sequence select="'foreign'"/></xsl:template>
  <xsl:template mode="ed:sign" match="space"><xsl:sequence select="'space'"/></xsl:template>
  <xsl:template mode="ed:sign" match="space[ed:usual-gap(.)]"/>
  <xsl:template mode="ed:sign" match="pb"><xsl:sequence select="'sheet-break'"/></xsl:template>
  <xsl:template mode="ed:sign" match="note[@type = 'translator']"><xsl:sequence select="'translator-note'"/></xsl:template>
  <xsl:template mode="ed:sign" match="note[@type = 'editorial']"><xsl:sequence select="'editorial-note'"/></xsl:template>
  <xsl:template mode="ed:sign" match="note"><xsl:sequence select="'note'"/></xsl:template>
  <xsl:template mode="ed:sign" match="seg[@type = 'unclassified']"><xsl:sequence select="'unclassified'"/></xsl:template>
  <xsl:template mode="ed:sign" match="seg[@type = 'unbalanced']"><xsl:sequence select="'unbalanced'"/></xsl:template>

  <!-- The line breaks of the usual separator between two blocks (one blank line: 2) where `$space` is
       the edition's record of a separator (the ODD's vertical space in unit "lines" counts line breaks,
       so 2 is a blank line that held white space, 0 a text that ends without a line break); 0 for any
       other space, which counts blank space itself. Only the lines beyond the usual blank line are
       space in the document: the blocks already stand apart by one. -->
  <xsl:function name="ed:separator-lines" as="xs:integer">
    <xsl:param name="space" as="element()"/>
    <xsl:sequence select="if ($space/@dim = 'vertical' and $space/@unit = 'lines'
        and $space/@quantity castable as xs:integer) then 2 else 0"/>
  </xsl:function>

  <!-- The blank lines a space stands for, or the characters of a blank in a line (at most 40, on the
       web and in print alike: a TEI's quantity of 10^20 is a blank, not a number to overflow): the
       edition's separator counts those beyond the usual one only; empty where its quantity is not a number. -->
  <xsl:function name="ed:blank-lines" as="xs:integer?">
    <xsl:param name="space" as="element()"/>
    <xsl:sequence select="$space/@quantity[. castable as xs:integer]
        ! min((40, xs:integer(.) - ed:separator-lines($space)))"/>
  </xsl:function>

  <!-- True for the edition's separator of no more than the usual blank line: nothing to draw, no sign. -->
  <xsl:function name="ed:usual-gap" as="xs:boolean">
    <xsl:param name="space" as="element()"/>
    <xsl:sequence select="ed:separator-lines($space) gt 0 and ed:blank-lines($space) le 0"/>
  </xsl:function>

  <!-- How an element behaves in a page, whatever the medium. -->
  <xsl:function name="ed:behaviour" as="xs:string" cache="yes">
    <xsl:param name="element" as="element()"/>
    <xsl:apply-templates select="$element" mode="ed:behaviour"/>
  </xsl:function>

  <xsl:mode name="ed:behaviour" on-no-match="deep-skip"/>
  <xsl:template mode="ed:behaviour" match="*"><xsl:sequence select="'inline'"/></xsl:template>
  <xsl:template mode="ed:behaviour" match="text | front | body | back | group | div | div1 | div2 | div3
      | p | ab | opener | closer | postscript | salute | signed | dateline | quote[p] | lg | l | sp
      | speaker | stage | castList | castItem | listBibl | table | row | cell | figure
      | floatingText | epigraph | argument | byline | docTitle | titlePart | docAuthor | docDate | docImprint
      | titlePage | trailer | address | addrLine
      | sourceDoc | surface | surfaceGrp | zone | line
      | seg[@type = ('receipt', 'cipher', 'classification')][parent::opener or parent::closer]"><xsl:sequence select="'block'"/></xsl:template>
  <!-- A phrase the TEI sets out as a line of its own (ed:layout), and a line of an opener or closer
       (a letterhead's parts) unless the TEI keeps it in the line. -->
  <xsl:template mode="ed:behaviour" priority="1" match="seg[ed:layout(.) = ('left', 'right', 'center', 'block')]
      | seg[not(@type)][parent::opener or parent::closer][not(ed:layout(.) = 'inline')]"><xsl:sequence select="'block'"/></xsl:template>
  <xsl:template mode="ed:behaviour" match="head"><xsl:sequence select="'heading'"/></xsl:template>
  <xsl:template mode="ed:behaviour" match="list | listPerson | listPlace | listOrg | listEvent"><xsl:sequence select="'list'"/></xsl:template>
  <xsl:template mode="ed:behaviour" match="item"><xsl:sequence select="'block'"/></xsl:template>
  <xsl:template mode="ed:behaviour" match="note"><xsl:sequence select="'note'"/></xsl:template>
  <xsl:template mode="ed:behaviour" match="app | choice | subst"><xsl:sequence select="'alternate'"/></xsl:template>
  <xsl:template mode="ed:behaviour" match="lb | pb | cb | milestone"><xsl:sequence select="'break'"/></xsl:template>
  <xsl:template mode="ed:behaviour" match="fw[@type = 'sheet'][preceding-sibling::*[1][self::pb]] | teiHeader
      | facsimile | standOff"><xsl:sequence select="'omit'"/></xsl:template>

  <!-- Editorial signs: the interventions of the translator and the editors (supplied words,
       identifications, [SIC], their notes, gaps, doubtful readings, corrections). Documentary
       editions keep them in every view: the reading view leaves out the diplomatic detail of
       the source (deletions, hands, breaks, abbreviation marks), never the editors' marks. -->
  <xsl:variable name="ed:editorial-signs" as="xs:string*" select="('supplied', 'identification',
      'sic', 'correction', 'gap', 'unclear', 'translator-note', 'editorial-note')"/>

  <xsl:function name="ed:is-editorial" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="ed:sign($element) = $ed:editorial-signs"/>
  </xsl:function>

  <!-- The brackets every view draws around an editorial sign's text, as (before, after);
       the empty sequence for an element without them. A gap's brackets hold its wording. -->
  <xsl:function name="ed:brackets" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if ($element/self::corr/parent::choice[sic]) then ('&#x27E8;', '&#x27E9;')
        else $ed:sign-brackets(string(ed:sign($element)))"/>
  </xsl:function>

  <!-- The brackets of each editorial sign that has them (a variable: a map built at every call cost
       the page as much as the brackets themselves). -->
  <xsl:variable name="ed:sign-brackets" as="map(xs:string, xs:string+)" select="map{'supplied': ('[', ']'),
      'identification': ('[', ']'), 'sic': ('', ' [SIC]'), 'gap': ('[', ']'), 'unclear': ('', ' [?]')}"/>

  <!-- The reading view leaves out deletions and the source's side of a correction,
       abbreviation or regularisation; everything else keeps its text. -->
  <xsl:function name="ed:shown-in-reading" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <!-- Tests of the element's own name first: every element of a page is asked, and few are any of these. -->
    <xsl:sequence select="not($element instance of element(del)
        or $element instance of element(sic) and $element/parent::choice[corr]
        or $element instance of element(abbr) and $element/parent::choice[expan]
        or $element instance of element(orig) and $element/parent::choice[reg])"/>
  </xsl:function>

  <!-- The diplomatic view shows the text as written: no expansions (ex, or the expan beside
       an abbr), no editors' corrections or regularisations. -->
  <xsl:function name="ed:shown-in-diplomatic" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="not($element instance of element(ex)
        or $element instance of element(expan) and $element/parent::choice[abbr]
        or $element instance of element(corr) and $element/parent::choice[sic]
        or $element instance of element(reg) and $element/parent::choice[orig])"/>
  </xsl:function>

  <!-- True for a correction inside a word ("Gu<subst>…</subst>man"): no space in it nor at
       either side, so that outputs keep the word on one line. -->
  <xsl:function name="ed:is-within-word" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="not(matches(string($element), '\s'))
        and matches(string($element/preceding-sibling::node()[1]), '\S$')
        and matches(string($element/following-sibling::node()[1]), '^\S')"/>
  </xsl:function>

  <!-- The sign names that occur in the texts of a document, in legend order. -->
  <xsl:function name="ed:signs-used" as="xs:string*">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="used" select="distinct-values(
        ed:texts($doc)//*[map:contains($ed:sign-elements, local-name())] ! ed:sign(.))"/>
    <xsl:sequence select="$ed:signs[. = $used]"/>
  </xsl:function>

</xsl:stylesheet>
