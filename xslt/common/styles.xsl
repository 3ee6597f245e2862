<?xml version="1.0" encoding="UTF-8"?>
<!--
  The type styles a highlighted phrase (hi) asks for: superscript, italic, capitals … TEI says it
  in words of the project's choosing (@rend "superscript", "sup", "italic bold") or in CSS
  (@style, or the rendition @rendition points to); the recognised words are the one table below,
  and any other value changes nothing. Both editions draw each style the same way (the web with
  a class "style-NAME", print with a row of edition.typ's `styles`).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Each recognised @rend word (lower case) and CSS declaration (without spaces), and its style. -->
  <xsl:variable name="ed:styles" as="map(xs:string, xs:string)" select="map{
      'italic': 'italic', 'italics': 'italic', 'it': 'italic', 'i': 'italic', 'cursive': 'italic',
      'bold': 'bold', 'b': 'bold', 'strong': 'bold',
      'underline': 'underline', 'underlined': 'underline', 'u': 'underline',
      'superscript': 'superscript', 'sup': 'superscript', 'super': 'superscript', 'raised': 'superscript',
      'subscript': 'subscript', 'sub': 'subscript', 'lowered': 'subscript',
      'strikethrough': 'strikethrough', 'strike': 'strikethrough', 'struck': 'strikethrough',
      'line-through': 'strikethrough', 'overstrike': 'strikethrough',
      'smallcaps': 'small-caps', 'small-caps': 'small-caps', 'sc': 'small-caps',
      'capitals': 'capitals', 'caps': 'capitals', 'allcaps': 'capitals', 'uppercase': 'capitals',
      'spaced': 'letterspace', 'letterspace': 'letterspace', 'letterspaced': 'letterspace',
      'letter-spaced': 'letterspace', 'gesperrt': 'letterspace',
      'font-style:italic': 'italic', 'font-weight:bold': 'bold', 'text-decoration:underline': 'underline',
      'vertical-align:super': 'superscript', 'vertical-align:sub': 'subscript',
      'text-decoration:line-through': 'strikethrough', 'font-variant:small-caps': 'small-caps',
      'text-transform:uppercase': 'capitals'}"/>

  <!-- The styles of a hi, each once, in the order its @rend, @style and renditions name them. -->
  <xsl:function name="ed:styles" as="xs:string*">
    <xsl:param name="hi" as="element()"/>
    <xsl:sequence select="distinct-values(ed:rendition-words($hi, $ed:styles))"/>
  </xsl:function>

</xsl:stylesheet>
