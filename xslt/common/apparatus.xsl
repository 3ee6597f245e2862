<?xml version="1.0" encoding="UTF-8"?>
<!--
  Variants (app/lem/rdg) and the witnesses and hands they point to. The edition records what
  a handwritten version of the typescript did differently: an empty lem (the typescript) and
  a rdg (the handwritten version). Third-party apparatus (lem with text) keeps its meaning:
  lem is the base text, each rdg a variant.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:variable name="ed:app-kinds" as="map(xs:string, xs:string)" select="map{
      'inserted-in-handwritten-version':'inserted',
      'deleted-in-handwritten-version':'deleted',
      'handwritten-version':'handwritten'}"/>

  <xsl:variable name="ed:app-labels" as="map(xs:string, xs:string)" select="map{
      'inserted':'Inserted in the handwritten version',
      'deleted':'Deleted in the handwritten version',
      'handwritten':'The handwritten version reads',
      'variant':'Variant reading'}"/>

  <!-- "inserted", "deleted", "handwritten" (the edition's kinds) or "variant" (any other). -->
  <xsl:function name="ed:app-kind" as="xs:string">
    <xsl:param name="app" as="element(app)"/>
    <xsl:sequence select="($app/@type ! $ed:app-kinds(string(.)), 'variant')[1]"/>
  </xsl:function>

  <xsl:function name="ed:app-label" as="xs:string">
    <xsl:param name="app" as="element(app)"/>
    <xsl:sequence select="$ed:app-labels(ed:app-kind($app))"/>
  </xsl:function>

  <!-- The readings a marker shows: every rdg (the lem is what the text itself shows). -->
  <xsl:function name="ed:app-readings" as="element()*">
    <xsl:param name="app" as="element(app)"/>
    <xsl:sequence select="$app/(rdg | rdgGrp/rdg)"/>
  </xsl:function>

  <!-- What an apparatus prints for a reading without words: where a fragmentary witness's text
       begins or ends, or a lacuna of a mutilated witness (witStart, witEnd, lacunaStart,
       lacunaEnd: nothing is omitted there), else "om." (the witnesses leave the lemma out). -->
  <xsl:function name="ed:wordless-reading" as="xs:string">
    <xsl:param name="reading" as="element()"/>
    <xsl:variable name="boundaries" select="$reading//(witStart | witEnd | lacunaStart | lacunaEnd)
        ! $ed:witness-boundaries(local-name())"/>
    <xsl:sequence select="if (exists($boundaries)) then string-join(distinct-values($boundaries), ', ') else 'om.'"/>
  </xsl:function>

  <xsl:variable name="ed:witness-boundaries" as="map(xs:string, xs:string)" select="map{
      'witStart':'text begins', 'witEnd':'text ends',
      'lacunaStart':'lacuna begins', 'lacunaEnd':'lacuna ends'}"/>

  <!-- "The handwritten version of the document, …" for "#wit-handwritten"; ids if undeclared. -->
  <xsl:function name="ed:witness-label" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="wit" as="xs:string?"/>
    <xsl:variable name="labels" as="xs:string*" select="
        for $ref in tokenize(normalize-space($wit), ' ')
        return (ed:target($context, $ref)[self::witness] ! normalize-space(.)[.],
                replace($ref, '^#', ''))[1]"/>
    <xsl:sequence select="string-join($labels, '; ')"/>
  </xsl:function>

  <!-- A witness's siglum: its abbr type="siglum", else its @n, else its xml:id. -->
  <xsl:function name="ed:siglum" as="xs:string">
    <xsl:param name="witness" as="element()"/>
    <xsl:sequence select="($witness/abbr[@type = 'siglum'] ! normalize-space(.), $witness/@n ! string(.),
        $witness/@xml:id ! string(.), '?')[.][1]"/>
  </xsl:function>

  <!-- The sigla of @wit ("Pt Pc Ma"): a witness's siglum, else the pointer without its "#". -->
  <xsl:function name="ed:witness-sigla" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="wit" as="xs:string?"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($wit), ' ') ! (
        ed:target($context, .)[self::witness or self::listWit] ! ed:siglum(.), replace(., '^#', ''))[1], ' ')"/>
  </xsl:function>

  <!-- The lists of witnesses of a document with a critical apparatus (app of kind "variant"),
       outermost only; none for the edition's own variants of a handwritten version. -->
  <xsl:function name="ed:witness-lists" as="element(listWit)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="if (exists(ed:critical-apparatus($doc)))
        then ed:header($doc)//listWit[not(ancestor::listWit)][.//witness] else ()"/>
  </xsl:function>

  <!-- The variants of a critical apparatus (third-party app, not the edition's own kinds), in
       document order. -->
  <xsl:function name="ed:critical-apparatus" as="element(app)*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)/*/(text | sourceDoc)//app[ed:app-kind(.) = 'variant']"/>
  </xsl:function>

  <!-- What a heading shows of a variant whose lemma the editors left empty. A heading with no
       words of the edited text (the PTA delete the title the manuscripts give: lem
       type="deletion") would show the reader only markers, so it shows the first reading with
       words, as plain text; empty for any other variant, whose lemma stands alone. -->
  <xsl:function name="ed:transmitted-title" as="xs:string?">
    <xsl:param name="app" as="element(app)"/>
    <xsl:variable name="head" select="$app/ancestor::head[1]"/>
    <xsl:sequence select="if (ed:app-kind($app) ne 'variant' or empty($head) or normalize-space($app/lem)
        or normalize-space(ed:plain($head))) then () else (ed:app-readings($app) ! ed:plain(.))[.][1]"/>
  </xsl:function>

  <!-- Where a variant stands, as critical editions key their apparatus: its @loc (EpiDoc), the
       verse (l/@n), else
       the line of an inscription or manuscript (the last lb/@n before it), after the numbers of
       the divisions around it ("3.12"); "" when the text numbers none of these. -->
  <xsl:function name="ed:app-reference" as="xs:string">
    <xsl:param name="app" as="element(app)"/>
    <xsl:variable name="divisions" select="$app/ancestor::div[@n][not(matches(@n, '[:/]'))]/@n ! normalize-space(.)"/>
    <xsl:variable name="line" select="($app/@loc, $app/ancestor::l[@n][1]/@n, $app/preceding::lb[@n][1]
        [empty(ancestor::div[1]) or ancestor::div[1] is $app/ancestor::div[1]]/@n)[1]"/>
    <xsl:sequence select="string-join(($divisions, $line ! normalize-space(.)), '.')"/>
  </xsl:function>

  <!-- A short name of a hand: "hand 1" for "#hand-1"; the person's name when the pointer
       names a person of the document's lists ("#pmb13212" → "Stefan Zweig"); "" when there
       is none. -->
  <xsl:function name="ed:hand-label" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="hand" as="xs:string?"/>
    <xsl:sequence select="string-join(tokenize(normalize-space($hand), ' ') ! ed:one-hand-label($context, .), ', ')"/>
  </xsl:function>

  <xsl:function name="ed:one-hand-label" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:variable name="person" select="ed:target($context, $pointer)[self::person or self::personGrp]"/>
    <xsl:sequence select="($person/(persName, name)[1] ! normalize-space(.),
        translate(replace($pointer, '^#', ''), '-_', '  '))[1]"/>
  </xsl:function>

</xsl:stylesheet>
