<?xml version="1.0" encoding="UTF-8"?>
<!--
  Page images (facsimile): the surfaces a document shows, the box of each surface and zone in
  the surface's own coordinates, and the zone a passage of the text points at (@facs).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The pages of the facsimile: each surface with an image, and each image standing alone. -->
  <xsl:function name="ed:facsimile-pages" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="root($doc)/*/facsimile/(descendant::surface[graphic] | graphic)"/>
  </xsl:function>

  <!-- (x, y, width, height) of a surface or zone: its ulx, uly, lrx, lry, else the box round its
       @points, else (for a surface) its image's width and height; () when unknown. -->
  <xsl:function name="ed:box" as="xs:double*">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="corners" select="$element/(@ulx, @uly, @lrx, @lry)[. castable as xs:double] ! xs:double(.)"/>
    <xsl:variable name="points" select="tokenize(normalize-space($element/@points), '[\s,]+')[. castable as xs:double]
        ! xs:double(.)"/>
    <xsl:variable name="xs" select="$points[position() mod 2 = 1]"/>
    <xsl:variable name="ys" select="$points[position() mod 2 = 0]"/>
    <xsl:variable name="size" select="$element/graphic[1]/(@width, @height) ! replace(., 'px$', '')
        [. castable as xs:double] ! xs:double(.)"/>
    <xsl:sequence select="if (count($corners) = 4) then ($corners[1], $corners[2], $corners[3] - $corners[1], $corners[4] - $corners[2])
        else if (count($xs) ge 2 and count($xs) = count($ys)) then (min($xs), min($ys), max($xs) - min($xs), max($ys) - min($ys))
        else if (count($size) = 2) then (0, 0, $size) else ()"/>
  </xsl:function>

  <!-- The zone of the facsimile a passage points at (@facs="#zone"), if any. -->
  <xsl:function name="ed:facs-zone" as="element(zone)?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="ed:target($element, tokenize(normalize-space($element/@facs))[1])[self::zone]"/>
  </xsl:function>

</xsl:stylesheet>
