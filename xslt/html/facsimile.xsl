<?xml version="1.0" encoding="UTF-8"?>
<!--
  Page images beside the text (facsimile/surface/graphic, xslt/common/facsimile.xsl). An image
  is shown when its address is a web address ed:link-target allows, or a file shipped beside
  the TEI that the build copied into the site ($facsimile-images); the zones of a surface are
  drawn over it, and edition.js lights up the zone of the passage under the pointer or focus
  (passages carry data-facs, written by h:id).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    xmlns:h="urn:x-tei-edition:html"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:svg="http://www.w3.org/2000/svg"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <!-- The address of a page's image in the site, () when it cannot be shown. -->
  <xsl:function name="h:image-src" as="xs:string?">
    <xsl:param name="graphic" as="element(graphic)"/>
    <xsl:variable name="url" select="normalize-space($graphic/@url)"/>
    <xsl:sequence select="if (matches($url, '^https?://', 'i')) then ed:link-target($url)
        else if ($url = tokenize($facsimile-images, '&#10;')) then ed:local-href('facsimile/' || $stem || '/' || $url)
        else ()"/>
  </xsl:function>

  <xsl:function name="h:shown-pages" as="element()*">
    <xsl:param name="doc" as="node()"/>
    <xsl:sequence select="ed:facsimile-pages($doc)[exists(h:image-src((self::graphic, graphic)[1]))]"/>
  </xsl:function>

  <xsl:template name="h:facsimile">
    <xsl:variable name="pages" select="h:shown-pages(.)"/>
    <xsl:if test="exists($pages)">
      <aside class="facsimile" aria-label="Page images">
        <xsl:for-each select="$pages">
          <xsl:variable name="graphic" select="(self::graphic, graphic)[1]"/>
          <xsl:variable name="box" select="ed:box(.)"/>
          <figure class="facsimile-page" id="facsimile-{ed:anchor(.)}">
            <div class="facsimile-frame">
              <img src="{h:image-src($graphic)}" alt="Page image {position()} of {count($pages)}" loading="lazy"/>
              <xsl:if test="count($box) = 4 and self::surface/zone">
                <svg:svg class="facsimile-zones" viewBox="{string-join($box ! string(.), ' ')}"
                         preserveAspectRatio="none" aria-hidden="true">
                  <xsl:for-each select="zone[count(ed:box(.)) = 4]">
                    <xsl:variable name="zone" select="ed:box(.)"/>
                    <svg:rect id="facs-{ed:anchor(.)}" class="facsimile-zone" x="{$zone[1]}" y="{$zone[2]}"
                              width="{$zone[3]}" height="{$zone[4]}"/>
                  </xsl:for-each>
                </svg:svg>
              </xsl:if>
            </div>
            <figcaption>{(self::surface/label ! normalize-space(.)[.], self::surface ! ed:surface-label(.),
                'Page image ' || position())[1]}</figcaption>
          </figure>
        </xsl:for-each>
      </aside>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
