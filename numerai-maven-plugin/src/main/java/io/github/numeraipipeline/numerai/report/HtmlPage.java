package io.github.numeraipipeline.numerai.report;

/**
 * What the desk's HTML pages share: their chrome (a self-contained page, its style inline, nothing fetched) and
 * the escaping of every text they quote.
 */
final class HtmlPage {
    private HtmlPage() {
    }

    /** The page up to and including {@code <body>}: its title (escaped here) and its style sheet. */
    static String start(String title, String css) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title>\n<style>" + css + "</style></head><body>\n";
    }

    /** The page after its last element. */
    static String end() {
        return "</body></html>\n";
    }

    /** Text as HTML text or as a quoted attribute value. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
