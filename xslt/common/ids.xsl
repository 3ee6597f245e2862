<?xml version="1.0" encoding="UTF-8"?>
<!--
  Class words and stable anchors: every block a reader may cite gets an id that depends only on the
  document (its xml:id, else its language, its element name and how many elements of that
  name precede it in the document, e.g. "en-head-2"),
  so permalinks survive a rebuild. Also the alignment of paragraphs across texts.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- A value of the TEI (@type, @rend) as one word of a class attribute: each run of characters
       other than letters, digits, "_" and "-" becomes one "-". Spaces would add classes of the
       document's choosing, which the stylesheets and the print template give meanings to
       ("footnote", "vertical-space", "reading-hidden"). -->
  <xsl:function name="ed:class-word" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="replace(normalize-space($value), '[^\p{L}\p{N}_-]+', '-')"/>
  </xsl:function>

  <!-- The xml:id, else e.g. "en-head-2": the second head in the English text. -->
  <xsl:function name="ed:anchor" as="xs:string" cache="yes">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="($element/@xml:id/string(), ed:generated-anchor($element))[1]"/>
  </xsl:function>

  <!-- How many elements of each name the document has up to here, in document order: one
       pass over the tree instead of a count per element, so big documents stay fast. -->
  <xsl:accumulator name="ed:element-counts" as="map(xs:string, xs:integer)" initial-value="map{}">
    <xsl:accumulator-rule match="*" phase="start"
        select="map:put($value, local-name(), ($value(local-name()), 0)[1] + 1)"/>
  </xsl:accumulator>

  <xsl:function name="ed:generated-anchor" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="lang" select="$element/ancestor-or-self::*[@xml:lang][1]/@xml:lang ! ed:class-word(.)"/>
    <xsl:variable name="position" as="xs:integer"
        select="$element/accumulator-before('ed:element-counts')(local-name($element))"/>
    <xsl:sequence select="string-join(($lang[. ne 'mul'], local-name($element), string($position)), '-')"/>
  </xsl:function>

  <!-- The permalink of a citable block: its language and a hash of its text ("en-3fa9c2d1"),
       "-2", "-3" … for a repeat of the same text. It depends on nothing but the block's own
       characters, so it survives edits to other paragraphs, renumbered xml:ids and encoder
       upgrades that change markup only; an edit to the block itself gives it a new one. -->
  <xsl:function name="ed:permalink" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="text" select="normalize-space($block)"/>
    <xsl:variable name="lang" select="string($block/ancestor-or-self::*[@xml:lang][1]/@xml:lang[. ne 'mul'])"/>
    <xsl:variable name="repeats" select="count(key('ed:block-by-text', $lang || '|' || $text, root($block))
        [. &lt;&lt; $block])"/>
    <!-- A language tag with a space (not xs:language, but read) would split the id. -->
    <xsl:sequence select="string-join((ed:class-word($lang)[.], ed:hex(ed:text-hash($text)), string($repeats + 1)[$repeats gt 0]), '-')"/>
  </xsl:function>

  <!-- Blocks by language and text, to number repeats without comparing every pair. -->
  <xsl:key name="ed:block-by-text" match="p | ab | head | item | l | salute | dateline | signed"
      use="string(ancestor-or-self::*[@xml:lang][1]/@xml:lang[. ne 'mul']) || '|' || normalize-space()"/>

  <!-- A 32-bit digest of the text, the same in every XSLT processor: its length, the sum of its
       code points and its first 48 characters weighted by place. Built from aggregate
       functions, not a fold over every character, so a page of many paragraphs stays cheap;
       a repeat of identical text is told apart by ed:permalink's counter. -->
  <xsl:function name="ed:text-hash" as="xs:integer">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="head" select="string-to-codepoints(substring($text, 1, 48))"/>
    <xsl:sequence select="(string-length($text) * 1000003 + sum(string-to-codepoints($text)) * 131
        + sum(for $i in 1 to count($head) return $head[$i] * ($i * 7919))) mod 4294967291"/>
  </xsl:function>

  <xsl:function name="ed:hex" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="digit" select="substring('0123456789abcdef', $n mod 16 + 1, 1)"/>
    <xsl:sequence select="if ($n lt 16) then $digit else ed:hex($n idiv 16) || $digit"/>
  </xsl:function>

  <!-- The nearest citable block around a node (p, head, item, …), if any. -->
  <xsl:function name="ed:block-of" as="element()?">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="$node/ancestor-or-self::*[ed:behaviour(.) = ('block', 'heading')]
        [not(self::text | self::body | self::front | self::back | self::group | self::div)][1]"/>
  </xsl:function>

  <!-- Every paragraph of the other text @corresp aligns this one with (two for a 1–2 link). -->
  <xsl:function name="ed:aligned-all" as="element()*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tokenize($element/@corresp) ! ed:target($element, .)"/>
  </xsl:function>

  <!-- The (first) paragraph in the other text that @corresp aligns this one with, if it exists. -->
  <xsl:function name="ed:aligned-with" as="element()?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="ed:target($element, tokenize($element/@corresp)[1])"/>
  </xsl:function>

</xsl:stylesheet>
