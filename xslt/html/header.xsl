<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI header chapter in HTML: the metadata panel of a document page (date, people,
  archive reference, translator, source, licence, summary), how to cite it, and downloads.
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

  <xsl:template name="h:metadata-panel">
    <details class="metadata" aria-labelledby="about-heading">
      <summary><h2 id="about-heading">About this document</h2><span class="summary-hint"> · summary, how to cite, downloads</span></summary>
      <dl class="metadata-list" id="document-metadata">
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="if (count(ed:authors(.)) gt 1) then 'Authors' else 'Author'"/>
          <xsl:with-param name="value" select="string-join(ed:authors(.), '; ')[.]"/>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'Date'"/>
          <xsl:with-param name="value">
            <xsl:sequence select="h:time(ed:date-iso(.), ed:date-label(.))"/>
            <xsl:sequence select="h:supplied(., 'date')"/>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'Place'"/>
          <xsl:with-param name="value" select="ed:place(.), h:supplied(., 'place')"/>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'From'"/>
          <xsl:with-param name="value" select="ed:sender(.), h:supplied(., 'sender')"/>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'To'"/>
          <xsl:with-param name="value" select="ed:recipient(.), h:supplied(., 'recipient')"/>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'Archive'"/>
          <xsl:with-param name="value" select="ed:archive-reference(.)[.], h:supplied(., 'archive')"/>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'Translator'"/>
          <xsl:with-param name="value" select="ed:translator(.)"/>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'Languages'"/>
          <xsl:with-param name="value" select="string-join(ed:languages(.) ! ed:language-name(root(current()), .), ', ')[.]"/>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'Source'"/>
          <xsl:with-param name="value" select="ed:source-url(.) ! h:link(., .)"/>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'Archive’s citation'"/>
          <xsl:with-param name="value"><xsl:apply-templates select="ed:source-citation(.)/node()"/></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'Credits'"/>
          <xsl:with-param name="value">
            <xsl:for-each select="ed:credits(.)">
              <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
              <xsl:apply-templates/>
            </xsl:for-each>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="h:field">
          <xsl:with-param name="label" select="'Licence'"/>
          <xsl:with-param name="value" select="h:licence(.)"/>
        </xsl:call-template>
        <xsl:if test="ed:is-fragment(.)">
          <xsl:call-template name="h:field">
            <xsl:with-param name="label" select="'Note'"/>
            <xsl:with-param name="value" select="'A fragment without a header in the source.'
                || (' Its title is supplied by the editors.'[ed:supplied-by-editors(current()) = 'title'])"/>
          </xsl:call-template>
        </xsl:if>
      </dl>
      <xsl:if test="exists(ed:editors-notes(.))">
        <div class="editors-notes" id="editors-notes">
          <h3>Editors’ notes</h3>
          <ul>
            <xsl:for-each select="ed:editors-notes(.)">
              <li><xsl:apply-templates><xsl:with-param name="id-suffix" select="'-en' || position()" tunnel="yes"/></xsl:apply-templates></li>
            </xsl:for-each>
          </ul>
        </div>
      </xsl:if>
      <xsl:if test="exists(ed:summary(.))">
        <div class="summary" id="summary">
          <h3>Summary<xsl:sequence select="h:supplied(., 'summary')"/></h3>
          <xsl:apply-templates select="ed:summary(.)">
            <xsl:with-param name="id-suffix" select="'-summary'" tunnel="yes"/>
          </xsl:apply-templates>
        </div>
      </xsl:if>
      <xsl:call-template name="h:cite"/>
      <xsl:call-template name="h:downloads"/>
    </details>
  </xsl:template>

  <!-- One row of the panel; left out when there is no value. -->
  <xsl:template name="h:field">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="value" as="item()*"/>
    <xsl:if test="exists($value) and normalize-space(string-join($value ! string(.), ''))">
      <div class="field">
        <dt>{$label}</dt>
        <dd><xsl:sequence select="$value"/></dd>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- A licence as a link when it has an address a page may link to; a long licence text
       folds away. -->
  <xsl:function name="h:licence" as="node()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:variable name="text" select="ed:licence($doc)"/>
    <xsl:variable name="url" select="ed:licence-url($doc)[.]"/>
    <xsl:choose>
      <xsl:when test="string-length($text) le 160 and ed:link-target($url)">
        <xsl:sequence select="h:link($url, $text)"/>
      </xsl:when>
      <xsl:when test="string-length($text) le 160">{$text}</xsl:when>
      <xsl:otherwise>
        <details class="licence">
          <summary>{($url, substring($text, 1, 60) || '…')[1]}</summary>
          <xsl:if test="$url"><xsl:sequence select="h:link($url, $url)"/><xsl:text> </xsl:text></xsl:if>
          {$text}
        </details>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- " (supplied by the editors)" after a value the editors gave, with their certainty of a date. -->
  <xsl:function name="h:supplied" as="element()?">
    <xsl:param name="doc" as="node()"/>
    <xsl:param name="field" as="xs:string"/>
    <xsl:if test="ed:supplied-by-editors($doc) = $field">
      <xsl:variable name="cert" select="ed:date-cert($doc)[$field = 'date'][. ne 'high']"/>
      <span class="supplied-by-editors"> (supplied by the editors{$cert ! ('; certainty ' || .)})</span>
    </xsl:if>
  </xsl:function>

  <xsl:function name="h:time" as="node()*">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:choose>
      <xsl:when test="$iso"><time datetime="{$iso}">{$label}</time></xsl:when>
      <xsl:otherwise>{$label}</xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:template name="h:cite">
    <div class="cite">
      <h3 id="cite-heading">How to cite</h3>
      <p id="citation" class="citation">{ed:citation(., h:page-url())}</p>
      <button type="button" class="copy-button" data-copy="citation" hidden="hidden">Copy citation</button>
      <span class="copy-status" role="status"></span>
      <p class="cite-downloads">For a reference manager:
        <a href="cite/{$stem}.bib" download="{$stem}.bib">BibTeX</a>,
        <a href="cite/{$stem}.ris" download="{$stem}.ris">RIS</a>,
        <a href="cite/{$stem}.json" download="{$stem}.json">CSL-JSON</a>.
        Add the date you consulted it.</p>
    </div>
  </xsl:template>

  <xsl:template name="h:downloads">
    <div class="downloads">
      <h3>Downloads</h3>
      <ul>
        <li><a href="{ed:local-href('tei/' || $stem || '.xml')}" download="{$stem}.xml">TEI P5 (XML)</a></li>
        <li><a href="{ed:local-href('text/' || $stem || '.txt')}" download="{$stem}.txt">Plain text</a></li>
        <xsl:if test="$pdf-href">
          <li><a href="{ed:local-href($pdf-href)}">PDF edition</a></li>
        </xsl:if>
      </ul>
    </div>
  </xsl:template>

</xsl:stylesheet>
