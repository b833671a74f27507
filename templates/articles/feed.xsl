{% load static %}<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows a feed as a page to someone who opens it in a browser; feed readers ignore it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
<xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat"/>
<xsl:template match="/">
<html lang="en-GB">
<head>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <meta name="robots" content="noindex"/>
    <title><xsl:value-of select="rss/channel/title|atom:feed/atom:title"/> (feed)</title>
    <link rel="stylesheet" href="{% static 'newsroom/site.css' %}"/>
</head>
<body>
<main id="main" class="wrap feed-page">
    <p class="feed-page__note">This is a feed. Copy its address into a feed reader to follow new stories as they are published.</p>
    <h1><xsl:value-of select="rss/channel/title|atom:feed/atom:title"/></h1>
    <p class="intro"><xsl:value-of select="rss/channel/description|atom:feed/atom:subtitle"/></p>
    <ol class="feed-page__items">
        <xsl:for-each select="rss/channel/item">
            <li><h2 class="card__title"><a href="{link}"><xsl:value-of select="title"/></a></h2>
            <p class="byline"><xsl:value-of select="substring(pubDate, 6, 11)"/></p></li>
        </xsl:for-each>
        <xsl:for-each select="atom:feed/atom:entry">
            <li><h2 class="card__title"><a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a></h2>
            <p class="byline"><xsl:value-of select="substring(atom:published, 1, 10)"/></p></li>
        </xsl:for-each>
    </ol>
</main>
</body>
</html>
</xsl:template>
</xsl:stylesheet>
