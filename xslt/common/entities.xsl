<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names and dates: what a name's @ref points at, for every output. A name the encoder marked
  points into the edition's authority lists with a prefix (persName ref="person:kim-il-sung",
  orgName ref="org:cpsu", placeName ref="place:moscow"); its kind is the prefix, its entry the
  rest. Other pointers (#id, URLs) are not entries of the lists and get no index entry.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The kinds of entries: prefix, the index page's file name, its heading. -->
  <xsl:variable name="ed:entity-kinds" as="map(xs:string, xs:string*)" select="map{
      'person': ('persons', 'Persons'),
      'org': ('organisations', 'Organisations'),
      'place': ('places', 'Places')}"/>

  <!-- The names of a text that point into the authority lists. -->
  <xsl:function name="ed:indexed-names" as="element()*">
    <xsl:param name="scope" as="node()*"/>
    <xsl:sequence select="$scope//(persName | orgName | placeName)[ed:entity-kind(@ref) ne '']"/>
  </xsl:function>

  <!-- The kind of entry a pointer names ('person', 'org', 'place'), "" for any other pointer. -->
  <xsl:function name="ed:entity-kind" as="xs:string" cache="yes">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:variable name="prefix" select="substring-before(string($ref), ':')"/>
    <xsl:sequence select="if (map:contains($ed:entity-kinds, $prefix)
        and matches(substring-after($ref, ':'), '^[A-Za-z0-9_-]+$')) then $prefix else ''"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- The entry's id in its list (kim-il-sung). -->
  <xsl:function name="ed:entity-id" as="xs:string">
    <xsl:param name="ref" as="xs:string?"/>
    <xsl:sequence select="substring-after(string($ref), ':')"/>
  </xsl:function>

  <!-- The index page of a kind, without ".html" ("persons"). -->
  <xsl:function name="ed:entity-page" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="$ed:entity-kinds($kind)[1]"/>
  </xsl:function>

</xsl:stylesheet>
