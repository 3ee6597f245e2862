<?xml version="1.0" encoding="UTF-8"?>
<!--
  Which addresses may become links. Every href or src an output writes goes through one of
  these functions, so a document cannot smuggle a script into a page or a PDF:

  ed:link-target($url)  an address taken from a document (idno type="URI", ref/@target,
                        licence/@target ...): returned, whitespace-normalised, when it is
                        http, https, mailto or a relative reference (not one to another
                        machine, "//host/x"); else the empty sequence,
                        and the output shows the address as text. The ODD's Schematron rules
                        url-scheme and url-network-path refuse the same addresses in `tei validate`.
  ed:web-link-target($url)  the addresses of these a PDF links to: complete http and https
                        addresses only, since a PDF has no address of its own that a relative
                        reference could be read against.
  ed:local-href($path)  a file of the edition itself, named from a document's file name:
                        each step percent-encoded, so no name reads as a scheme ("a:b"),
                        a fragment ("#") or a query ("?").
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ed="urn:x-tei-edition:common"
    exclude-result-prefixes="#all">

  <!-- A scheme is letters, digits, + - . before the first colon, if that colon comes before
       any / ? #; browsers ignore tabs and line breaks in it, which normalize-space turns into
       spaces, so "java&#9;script:" has no allowed scheme either. An address that starts with two
       slashes or backslashes ("//host/x", "\\host\x") names another machine in the page's own
       scheme: on a page read from disk (file://) that is a network share, which Windows reaches
       by SMB, sending the reader's login. -->
  <xsl:function name="ed:link-target" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="address" select="normalize-space($url)"/>
    <xsl:sequence select="$address[.][not(matches(., '^[/\\][/\\]'))][
        matches(., '^(https?|mailto):', 'i') or not(matches(., '^[^/?#]*:'))]"/>
  </xsl:function>

  <!-- A PDF reader reads a relative reference against the folder the PDF lies in, or as a path of
       its own: "\\host\share\x.pdf" would be a file on another machine's share. -->
  <xsl:function name="ed:web-link-target" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:sequence select="ed:link-target($url)[matches(., '^https?://')]"/>
  </xsl:function>

  <xsl:function name="ed:local-href" as="xs:string">
    <xsl:param name="path" as="xs:string"/>
    <xsl:sequence select="string-join(tokenize($path, '/') ! encode-for-uri(.), '/')"/>
  </xsl:function>

</xsl:stylesheet>
