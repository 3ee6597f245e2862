<?xml version="1.0" encoding="UTF-8"?>
<!-- The print edition's parameters, typed, in one place. Python sets them (tei.render.pdf). -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:pr="urn:x-tei-edition:print"
    exclude-result-prefixes="#all">

  <!-- "volume": title page, contents and method note before the documents; "document": one. -->
  <xsl:param name="pr:layout" as="xs:string" select="'document'"/>
  <xsl:param name="pr:edition-title" as="xs:string"
      select="'Digital edition'"/>
  <!-- Editors' names separated by ";" (a string, so that every caller can set it). -->
  <xsl:param name="pr:editors" as="xs:string" select="''"/>
  <xsl:param name="pr:publisher" as="xs:string" select="''"/>
  <xsl:param name="pr:licence" as="xs:string" select="''"/>
  <!-- A CSS page size: "A4", "letter", "A5", "B5". -->
  <xsl:param name="pr:page-size" as="xs:string" select="'A4'"/>
  <!-- The build date (ISO 8601) from SOURCE_DATE_EPOCH; "" prints no date, so the same
       input gives the same bytes. -->
  <xsl:param name="pr:build-date" as="xs:string" select="''"/>

  <!-- One volume of an edition split in several: its label ("Volume 2 of 3", "1956") and the
       number of its first document (numbers run on through the volumes). -->
  <xsl:param name="pr:volume-label" as="xs:string" select="''"/>
  <xsl:param name="pr:first-number" as="xs:string" select="'1'"/>
  <!-- The numbers the edition gives the documents of this PDF whose TEI carries none, one a line in the
       order they are printed ("" for none): `tei pdf` numbers TEI from other projects as `tei web` does. -->
  <xsl:param name="pr:document-numbers" as="xs:string" select="''"/>

  <!-- The authority lists (tei.authority.authorities_json): the headwords of the volume's indices. -->
  <xsl:param name="pr:authorities" as="xs:string" select="'[]'"/>

  <xsl:variable name="pr:number-offset" as="xs:integer" select="xs:integer($pr:first-number) - 1"/>
  <xsl:variable name="pr:is-volume" as="xs:boolean" select="$pr:layout eq 'volume'"/>
  <xsl:variable name="pr:editor-list" as="xs:string*"
      select="tokenize($pr:editors, ';') ! normalize-space(.)[.]"/>

</xsl:stylesheet>
