<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes in the text (not in the header): which are notes a reader sees, their number,
  their kind and their label. Numbers follow the encoder's @n; notes without @n are
  numbered in document order after the highest @n, so numbers never repeat.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:variable name="ed:note-kinds" as="map(xs:string, xs:string)"
      select="map{'translator':'Translator&#x2019;s note', 'editorial':'Editorial note',
                  'note':'Note'}"/>

  <!-- A note printed as a numbered note of the text (header notes are metadata). -->
  <xsl:function name="ed:is-text-note" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="$note/self::note and empty($note/ancestor::teiHeader)
                          and empty($note/ancestor::note)"/>
  </xsl:function>

  <!-- The numbered notes inside $scope (a text, a div, a whole document), in order. -->
  <xsl:function name="ed:notes-of" as="element(note)*">
    <xsl:param name="scope" as="node()"/>
    <xsl:sequence select="$scope/descendant::note[ed:is-text-note(.)]"/>
  </xsl:function>

  <xsl:function name="ed:note-number" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:choose>
      <xsl:when test="normalize-space($note/@n)">
        <xsl:sequence select="normalize-space($note/@n)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="all" select="ed:notes-of(root($note))"/>
        <xsl:variable name="highest" select="max((0, $all/@n[. castable as xs:integer] ! xs:integer(.)))"/>
        <xsl:variable name="unnumbered" select="$all[not(normalize-space(@n))]"/>
        <xsl:sequence select="string($highest + index-of($unnumbered ! generate-id(.), generate-id($note)))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- "translator", "editorial" or "note". -->
  <xsl:function name="ed:note-kind" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="if ($note/@type = ('translator', 'editorial')) then string($note/@type)
                          else 'note'"/>
  </xsl:function>

  <xsl:function name="ed:note-label" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="$ed:note-kinds(ed:note-kind($note))"/>
  </xsl:function>

  <!-- The stable anchor of a note's text: its xml:id, else "note-" and its number. -->
  <xsl:function name="ed:note-anchor" as="xs:string">
    <xsl:param name="note" as="element(note)"/>
    <xsl:sequence select="($note/@xml:id/string(), 'note-' || ed:note-number($note))[1]"/>
  </xsl:function>

</xsl:stylesheet>
