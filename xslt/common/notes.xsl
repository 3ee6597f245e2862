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
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
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

  <!-- The numbered notes inside $scope (texts, a div, a whole document; none), in order. -->
  <xsl:function name="ed:notes-of" as="element(note)*">
    <xsl:param name="scope" as="node()*"/>
    <xsl:sequence select="$scope/descendant::note[ed:is-text-note(.)]"/>
  </xsl:function>

  <!-- One pass over the document numbers every note: how many text notes without @n come
       before each one, and the highest integer @n of the whole document (the value after the
       last node). Saxon computes an accumulator once per tree, so numbering all notes is linear,
       where counting them note by note was quadratic (10,000 notes took minutes). -->
  <xsl:accumulator name="ed:note-counts" as="map(xs:string, xs:integer)"
      initial-value="map{'unnumbered': 0, 'highest': 0}">
    <xsl:accumulator-rule match="note" phase="end" select="
        if (not(ed:is-text-note(.))) then $value
        else if (normalize-space(@n)) then map:put($value, 'highest', max(($value?highest,
            @n[. castable as xs:integer] ! xs:integer(.))))
        else map:put($value, 'unnumbered', $value?unnumbered + 1)"/>
  </xsl:accumulator>

  <xsl:function name="ed:note-number" as="xs:string" cache="yes">
    <xsl:param name="note" as="element(note)"/>
    <xsl:choose>
      <xsl:when test="normalize-space($note/@n)">
        <xsl:sequence select="normalize-space($note/@n)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="highest" select="ed:outermost-element($note)/accumulator-after('ed:note-counts')?highest"/>
        <xsl:sequence select="string($highest + $note/accumulator-after('ed:note-counts')?unnumbered)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The element that holds the whole tree of $node (a document's TEI element, or a parentless
       element itself): its accumulator-after is the value over the whole document. -->
  <xsl:function name="ed:outermost-element" as="element()">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="(root($node)/self::element(), root($node)/*)[1]"/>
  </xsl:function>

  <!-- "translator", "editorial" or "note". -->
  <!-- The numbered notes of a document's text and its transcription of the source
       (sourceDoc): a document may have either, both or neither. -->
  <xsl:function name="ed:text-notes" as="element(note)*" cache="yes">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:notes-of(root($doc)/*/(text | sourceDoc))"/>
  </xsl:function>

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
