<?xml version="1.0" encoding="UTF-8"?>
<!--
  The encoder's conventions (conventions.xml, generated from its rules table) joined to the
  common signs: which sign of $ed:signs each convention produces, and how the transcription
  writes it. Lets a legend list the encoder's own rows and still draw each with the sign an
  output uses, so the encoder, the web edition and the print edition cannot drift apart.
  Added by the print edition; not included by common.xsl (import it beside common.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- The sign (a row name of $ed:signs) that a convention's TEI element is, if any. -->
  <xsl:function name="ed:convention-sign" as="xs:string?">
    <xsl:param name="row" as="element()"/>
    <xsl:variable name="made" as="element()">
      <xsl:element name="{$row/@element}" namespace="http://www.tei-c.org/ns/1.0">
        <xsl:for-each select="$row/*[local-name() = 'attribute']">
          <xsl:attribute name="{@name}" select="@value"/>
        </xsl:for-each>
      </xsl:element>
    </xsl:variable>
    <!-- A reading of the handwritten version is a variant; ex is a sign as part of expan. -->
    <xsl:variable name="whole" as="element()">
      <xsl:choose>
        <xsl:when test="$row/@variant"><tei:app type="{$row/@variant}"/></xsl:when>
        <xsl:when test="$made/self::ex"><tei:expan><xsl:sequence select="$made"/></tei:expan></xsl:when>
        <xsl:otherwise><xsl:sequence select="$made"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:sequence select="ed:sign($whole)"/>
  </xsl:function>

  <!-- How the transcription writes a convention: "[handwritten: …]", "~~…~~", "□". -->
  <xsl:function name="ed:convention-notation" as="xs:string">
    <xsl:param name="row" as="element()"/>
    <xsl:variable name="content" select="if ($row/@open and $row/@close) then '&#x2026;' else ''"/>
    <xsl:sequence select="replace(string($row/@open) || $content || string($row/@close),
        '&#x9;', '(tab)')"/>
  </xsl:function>

</xsl:stylesheet>
