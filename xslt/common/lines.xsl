<?xml version="1.0" encoding="UTF-8"?>
<!--
  Pages and lines of a transcription of the source as written (sourceDoc): what a surface is
  called, and the number of each line.
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

</xsl:stylesheet>
