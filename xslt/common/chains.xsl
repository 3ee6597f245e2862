<?xml version="1.0" encoding="UTF-8"?>
<!--
  Handwritten passages split across blocks: the encoder writes one seg per block and
  chains them with xml:id, @next/@prev and @part (I, M, F). These functions treat a chain
  as one passage: its members in order, its first member, a shared id and a label.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:key name="ed:by-id" match="*[@xml:id]" use="@xml:id"/>

  <!-- The element a local pointer ("#id") names in the same document, if any. -->
  <xsl:function name="ed:target" as="element()?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="if (starts-with($pointer, '#'))
        then key('ed:by-id', substring($pointer, 2), root($context))[1] else ()"/>
  </xsl:function>

  <!-- "whole" for an unsplit passage, else "initial", "medial" or "final". -->
  <xsl:function name="ed:chain-part" as="xs:string">
    <xsl:param name="seg" as="element()"/>
    <xsl:variable name="declared" select="$seg/@part ! map{'I':'initial', 'M':'medial', 'F':'final'}(string(.))"/>
    <xsl:sequence select="($declared,
        if ($seg/@next and $seg/@prev) then 'medial'
        else if ($seg/@next) then 'initial'
        else if ($seg/@prev) then 'final' else 'whole')[1]"/>
  </xsl:function>

  <xsl:function name="ed:chain-first" as="element()">
    <xsl:param name="seg" as="element()"/>
    <xsl:variable name="prev" select="ed:target($seg, $seg/@prev)"/>
    <xsl:sequence select="if ($prev and $prev ne $seg) then ed:chain-first($prev) else $seg"/>
  </xsl:function>

  <!-- All members of the chain $seg belongs to, first to last (just $seg when unsplit). -->
  <xsl:function name="ed:chain-members" as="element()+">
    <xsl:param name="seg" as="element()"/>
    <xsl:sequence select="ed:chain-from(ed:chain-first($seg), 0)"/>
  </xsl:function>

  <!-- Follows @next; the depth limit guards against a cycle in a damaged file. -->
  <xsl:function name="ed:chain-from" as="element()+">
    <xsl:param name="seg" as="element()"/>
    <xsl:param name="depth" as="xs:integer"/>
    <xsl:variable name="next" select="ed:target($seg, $seg/@next)"/>
    <xsl:sequence select="$seg, (if ($next and $depth lt 1000) then ed:chain-from($next, $depth + 1) else ())"/>
  </xsl:function>

  <!-- One id for the whole passage: the first member's anchor (its xml:id, else one made from
       its position; never generate-id(), which changes with the documents rendered before). -->
  <xsl:function name="ed:chain-id" as="xs:string">
    <xsl:param name="seg" as="element()"/>
    <xsl:variable name="first" select="ed:chain-first($seg)"/>
    <xsl:sequence select="ed:anchor($first)"/>
  </xsl:function>

  <!-- "Handwritten (hand-1), part 2 of 5" for a split passage; "Handwritten (hand-1)" else. -->
  <xsl:function name="ed:chain-label" as="xs:string">
    <xsl:param name="seg" as="element()"/>
    <xsl:variable name="members" select="ed:chain-members($seg)"/>
    <xsl:variable name="hand" select="ed:hand-label($seg, $seg/@hand)"/>
    <xsl:variable name="base" select="'Handwritten' || ($hand[.] ! (' (' || . || ')'))"/>
    <xsl:sequence select="if (count($members) le 1) then $base else
        $base || ', part ' || index-of($members ! generate-id(.), generate-id($seg))
        || ' of ' || count($members)"/>
  </xsl:function>

</xsl:stylesheet>
