<?xml version="1.0" encoding="UTF-8"?>
<!--
  Pages and lines: what a surface of a transcription as written (sourceDoc) is called, the
  number of each of its lines, of each verse (l) and of each line of an inscription (lb), and
  which numbers a reader sees in the margin (every fifth).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- "Page 1r": the surface's own label, else its @n, else its place among the surfaces. -->
  <xsl:function name="ed:surface-label" as="xs:string">
    <xsl:param name="surface" as="element()"/>
    <xsl:sequence select="($surface/label ! normalize-space(.)[.],
        'Page ' || ($surface/@n, count($surface/preceding-sibling::*[local-name() = local-name($surface)]) + 1)[1])[1]"/>
  </xsl:function>

  <!-- A line's @n, else its place on its surface (counted by the accumulator of ids.xsl, so a
       page of many lines is numbered in one pass). -->
  <xsl:function name="ed:line-number" as="xs:string">
    <xsl:param name="line" as="element(line)"/>
    <xsl:variable name="surface" select="$line/ancestor::surface[1]"/>
    <xsl:variable name="before" select="($surface/accumulator-before('ed:element-counts')?line, 0)[1]"/>
    <xsl:sequence select="(normalize-space($line/@n)[.],
        string($line/accumulator-before('ed:element-counts')?line - $before))[1]"/>
  </xsl:function>

  <!-- Verses counted in one pass: the parts of a verse split between speakers (part M, F)
       continue the verse of its first part. -->
  <xsl:accumulator name="ed:verse-lines" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="l[not(@part = ('M', 'F'))]" select="$value + 1"/>
  </xsl:accumulator>

  <!-- A verse's number: its @n, else its place among the verses; none for a continued part. -->
  <xsl:function name="ed:verse-number" as="xs:string?">
    <xsl:param name="l" as="element(l)"/>
    <xsl:sequence select="if (normalize-space($l/@n)) then normalize-space($l/@n)
        else if ($l/@part = ('M', 'F')) then () else string($l/accumulator-after('ed:verse-lines'))"/>
  </xsl:function>

  <!-- The number a reader sees in the margin: every fifth verse or line (5, 10, 15 …). -->
  <xsl:function name="ed:marked-number" as="xs:string?">
    <xsl:param name="number" as="xs:string?"/>
    <xsl:sequence select="$number[. castable as xs:integer][xs:integer(.) mod 5 = 0]"/>
  </xsl:function>

  <!-- The divisions of a text with a heading, for a table of contents (acts, scenes, chapters). -->
  <xsl:function name="ed:headed-divisions" as="element()*">
    <xsl:param name="scope" as="element()*"/>
    <xsl:sequence select="$scope/descendant::*[self::div or self::div1 or self::div2 or self::div3][head]
        [not(ancestor::note)]"/>
  </xsl:function>

</xsl:stylesheet>
