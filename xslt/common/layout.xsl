<?xml version="1.0" encoding="UTF-8"?>
<!--
  The layout a TEI element asks for: a line set to the left, right or centre, a phrase made a
  line of its own, or kept in the line. TEI says it in words of the project's choosing (@rend
  "right", "align(center)", "centre" …) or in CSS (@style, or the rendition @rendition points
  to); the recognised words are the one table below, and any other value changes nothing.
  Both editions draw what this decides (ed:behaviour makes such a phrase a block).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Each recognised @rend word (lower case) and CSS declaration (without spaces), and its layout. -->
  <xsl:variable name="ed:layouts" as="map(xs:string, xs:string)" select="map{
      'left': 'left', 'align(left)': 'left', 'align-left': 'left', 'flushleft': 'left', 'flush-left': 'left',
      'right': 'right', 'align(right)': 'right', 'align-right': 'right', 'flushright': 'right', 'flush-right': 'right',
      'center': 'center', 'centre': 'center', 'centered': 'center', 'centred': 'center',
      'align(center)': 'center', 'align(centre)': 'center', 'align-center': 'center', 'align-centre': 'center',
      'block': 'block', 'display(block)': 'block', 'inline': 'inline', 'display(inline)': 'inline',
      'text-align:left': 'left', 'text-align:right': 'right', 'text-align:center': 'center',
      'display:block': 'block', 'display:inline': 'inline'}"/>

  <xsl:variable name="ed:alignments" as="xs:string+" select="('left', 'right', 'center')"/>

  <!-- The element's layout: its first recognised @rend word, else its CSS (@style, then the
       renditions it points to); empty for none. -->
  <xsl:function name="ed:layout" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="ed:rendition-words($element, $ed:layouts)[1]"/>
  </xsl:function>

  <!-- What a table of rendition words (ed:layouts, ed:styles) gives for the element's @rend words,
       then for the declarations of its CSS (@style, then the renditions it points to), in that
       order. Most elements have none of these attributes. -->
  <xsl:function name="ed:rendition-words" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="table" as="map(xs:string, xs:string)"/>
    <xsl:sequence select="if (empty($element/(@rend | @rendition | @style))) then ()
        else (tokenize(lower-case($element/@rend)) ! $table(.),
              ($element/@style, ed:renditions($element)) ! tokenize(lower-case(.), ';')
                ! $table(replace(., '\s+', '')))"/>
  </xsl:function>

  <!-- The rendition elements of the document that @rendition points to ("#r1 #r2"). -->
  <xsl:function name="ed:renditions" as="element(rendition)*">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="ids" select="tokenize($element/@rendition)[starts-with(., '#')] ! substring(., 2)"/>
    <xsl:sequence select="if (empty($ids)) then () else root($element)//rendition[@xml:id = $ids]"/>
  </xsl:function>

  <!-- True for a part of one line set out over it (a letterhead's name at the left, its date at
       the right): aligned, beside siblings that are all aligned, with no words of the line between. -->
  <xsl:function name="ed:in-row" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="line" select="$element/.."/>
    <xsl:sequence select="ed:layout($element) = $ed:alignments
        and count($line/*[ed:layout(.) = $ed:alignments]) ge 2
        and empty($line/text()[normalize-space()])
        and empty($line/*[normalize-space()][not(ed:layout(.) = $ed:alignments)])"/>
  </xsl:function>

  <!-- The classes of a layout, for both editions: "layout-right" for an aligned block or a part
       of a row, and "in-row" for the latter; none for a phrase in running text. -->
  <xsl:function name="ed:layout-classes" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="layout" select="ed:layout($element)[. = $ed:alignments]"/>
    <xsl:if test="exists($layout)">
      <xsl:variable name="in-row" select="ed:in-row($element)"/>
      <xsl:if test="$in-row or ed:behaviour($element) = ('block', 'heading')">
        <xsl:sequence select="'layout-' || $layout, 'in-row'[$in-row]"/>
      </xsl:if>
    </xsl:if>
  </xsl:function>

</xsl:stylesheet>
