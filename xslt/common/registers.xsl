<?xml version="1.0" encoding="UTF-8"?>
<!--
  Registers: the lists of persons, places, organisations, events and works a document carries
  (listPerson, listPlace, listOrg, listEvent, listBibl, in its header or back matter), and the
  names in the text that point at their entries. Generic TEI, for every output: an entry's
  name, then its other facts as (label, parts) fields; a part is a text, or an address that
  ed:link-target lets become a link.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:variable name="ed:register-headings" as="map(xs:string, xs:string)" select="map{
      'listPerson': 'Persons', 'listPlace': 'Places', 'listOrg': 'Organisations',
      'listEvent': 'Events', 'listBibl': 'Bibliography', 'listNym': 'Names', 'listObject': 'Objects'}"/>

  <!-- What a reader calls each fact of an entry; "" for a fact that speaks for itself. -->
  <xsl:variable name="ed:field-labels" as="map(xs:string, xs:string)" select="map{
      'birth': 'born', 'death': 'died', 'floruit': 'active', 'residence': 'lived in',
      'affiliation': 'member of', 'occupation': '', 'location': '', 'sex': '', 'note': '',
      'persName': 'also', 'placeName': 'also', 'orgName': 'also', 'name': 'also', 'idno': ''}"/>

  <xsl:function name="ed:is-register" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <!-- A look-up, not a comparison with map:keys(): every element of a page is tested. -->
    <xsl:sequence select="map:contains($ed:register-headings, local-name($list))"
        xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <!-- The registers of the header (persons of a play, sources of an edition), outermost only:
       a list inside a list is part of it. The back matter's are rendered where they stand. -->
  <xsl:function name="ed:header-registers" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:header($doc)//*[ed:is-register(.)][not(ancestor::*[ed:is-register(.)])]
        [exists(ed:register-entries(.))]"/>
  </xsl:function>

  <xsl:function name="ed:register-heading" as="xs:string">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="($list/head ! normalize-space(.)[.], $ed:register-headings(local-name($list)))[1]"/>
  </xsl:function>

  <!-- The entries of a register, in order (person, place, org, event, bibl …, not its head). -->
  <xsl:function name="ed:register-entries" as="element()*">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="$list/*[not(self::head or self::desc)]"/>
  </xsl:function>

  <!-- True for an entry whose facts are data (a person, place, organisation, event), false for
       one that is prose or a citation (bibl, witness), which is rendered as it is written. -->
  <xsl:function name="ed:is-data-entry" as="xs:boolean">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="exists($entry/(self::person | self::personGrp | self::place | self::org | self::event
        | self::nym | self::object))"/>
  </xsl:function>

  <!-- The element naming an entry: its first persName, placeName, orgName, name or label. -->
  <xsl:function name="ed:entry-name-element" as="element()?">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="$entry/(persName | placeName | orgName | name | label | eventName | objectName)[1]"/>
  </xsl:function>

  <!-- "Felix Albrecht Harta": forenames before the surname whatever their order, else the name
       as written. -->
  <xsl:function name="ed:entry-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="name" select="ed:entry-name-element($entry)"/>
    <xsl:sequence select="if ($name/forename and $name/surname)
        then normalize-space(string-join(($name/(* except surname), $name/surname), ' '))
        else (normalize-space($name)[.], $entry/@xml:id ! string(.), 'unnamed')[1]"/>
  </xsl:function>

  <!-- The facts of a data entry besides its name: its other children that say something. -->
  <xsl:function name="ed:entry-fields" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="($entry/* except ed:entry-name-element($entry))[exists(ed:field-parts(.))]"/>
  </xsl:function>

  <xsl:function name="ed:field-label" as="xs:string">
    <xsl:param name="field" as="element()"/>
    <xsl:sequence select="if (ed:is-register($field)) then ''
        else ($ed:field-labels(local-name($field)), local-name($field))[1]"/>
  </xsl:function>

  <!-- The parts of a field in order: its texts (a date, a place, coordinates), and its
       identifiers (idno, @ref) as elements or attributes, which outputs make links of. -->
  <xsl:function name="ed:field-parts" as="node()*">
    <xsl:param name="field" as="element()"/>
    <xsl:sequence select="$field/descendant-or-self::node()[self::text()[normalize-space()][not(ancestor::idno)]
        or self::idno][not(ancestor::idno)]"/>
  </xsl:function>

  <!-- The entry a name in the text points at (@ref "#id"), if it is an entry of a register. -->
  <xsl:function name="ed:register-entry" as="element()?">
    <xsl:param name="name" as="element()"/>
    <xsl:variable name="entry" select="ed:target($name, tokenize(normalize-space($name/@ref))[1])"/>
    <xsl:sequence select="$entry[parent::*[ed:is-register(.)]]"/>
  </xsl:function>

  <!-- How an identifier is named in a register: its subtype or type ("wikidata", "GND"), else
       its address. -->
  <xsl:function name="ed:identifier-label" as="xs:string">
    <xsl:param name="idno" as="element(idno)"/>
    <xsl:sequence select="($idno/@subtype[not(. = ('URL', 'URI'))], $idno/@type[not(. = ('URL', 'URI'))],
        normalize-space($idno))[1] ! string(.)"/>
  </xsl:function>

</xsl:stylesheet>
