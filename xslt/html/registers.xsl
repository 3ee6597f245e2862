<?xml version="1.0" encoding="UTF-8"?>
<!--
  Registers in HTML (listPerson, listPlace, listOrg, listEvent, listBibl; xslt/common/registers.xsl):
  a heading and one entry per person, place …: the name in bold, then its facts (born, died,
  places, coordinates), its identifiers as links (through ed:link-target); a citation or a
  witness as written. Names in the text that point at an entry (@ref="#id") link to it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:h="urn:x-tei-edition:html"
    xmlns="http://www.w3.org/1999/xhtml"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- Below the templates of named elements (priority 0), none of which names a register: an element
       with a template of its own is then not asked whether it is one (this pattern matches any element). -->
  <xsl:template match="*[ed:is-register(.)]" priority="-0.5">
    <section class="{h:classes(.)} register">
      <xsl:call-template name="h:id"/>
      <xsl:call-template name="h:lang"/>
      <h3 class="register-heading">{ed:register-heading(.)}</h3>
      <ul class="register-entries">
        <xsl:apply-templates select="ed:register-entries(.)" mode="h:register-entry"/>
      </ul>
    </section>
  </xsl:template>

  <!-- A list inside a list (a listBibl of editions in one of sources) is a register of its own:
       its section carries its id, which its item would repeat. -->
  <xsl:template match="*" mode="h:register-entry">
    <li class="{h:classes(.)} register-entry">
      <xsl:if test="not(ed:is-register(.))">
        <xsl:call-template name="h:id"/>
      </xsl:if>
      <xsl:call-template name="h:lang"/>
      <xsl:choose>
        <xsl:when test="ed:is-register(.)"><xsl:apply-templates select="."/></xsl:when>
        <xsl:when test="ed:is-data-entry(.)">
          <span class="register-name">{ed:entry-name(.)}</span>
          <xsl:for-each select="ed:entry-fields(.)">
            <xsl:text> </xsl:text>
            <span class="register-field field-{local-name()}">
              <xsl:for-each select="ed:field-label(.)[.]"><span class="field-label">{.} </span></xsl:for-each>
              <xsl:for-each select="ed:field-parts(.)">
                <xsl:if test="position() gt 1">, </xsl:if>
                <xsl:sequence select="h:field-part(.)"/>
              </xsl:for-each>
            </span>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates>
            <xsl:with-param name="phrasing" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:otherwise>
      </xsl:choose>
    </li>
  </xsl:template>

  <!-- A text of a fact, or an identifier: a link named by its kind when its address may be
       linked to, else its value as text. -->
  <xsl:function name="h:field-part" as="node()*">
    <xsl:param name="part" as="node()"/>
    <xsl:choose>
      <xsl:when test="$part/self::idno and matches(normalize-space($part), '^https?://')
          and ed:link-target(normalize-space($part))">
        <xsl:sequence select="h:link(normalize-space($part), ed:identifier-label($part))"/>
      </xsl:when>
      <xsl:when test="$part/self::idno">
        <span class="identifier">{string-join((ed:identifier-label($part)[. ne normalize-space($part)],
            normalize-space($part)), ' ')}</span>
      </xsl:when>
      <xsl:when test="$part/parent::geo"><span class="geo">{normalize-space($part)}</span></xsl:when>
      <xsl:otherwise>{normalize-space($part)}</xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- A name in the text that points at a register's entry links to it. -->
  <xsl:template match="(persName | placeName | orgName | rs | name)[@ref][ed:register-entry(.)]" priority="1">
    <a class="{h:classes(.)} register-link" href="#{ed:anchor(ed:register-entry(.))}">
      <xsl:call-template name="h:lang"/>
      <xsl:apply-templates/>
    </a>
  </xsl:template>

</xsl:stylesheet>
