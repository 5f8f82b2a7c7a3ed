package dev.jfio.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The report as one self-contained HTML file: uPlot's script and style (from the
 * {@code org.webjars.npm:uplot} WebJar on the classpath), the page's own script and style, and the
 * data, all inlined; nothing is fetched from a network. Stateless.
 */
final class HtmlPage {
    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    private HtmlPage() {}

    /** The page for a model (see {@link ReportModel}), titled {@code title}. */
    static String render(String title, String modelJson) {
        StringBuilder sb = new StringBuilder(256 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.append("<meta name=\"generator\" content=\"jfio report\">\n");
        sb.append("<title>").append(escape(title)).append("</title>\n");
        sb.append("<style>\n").append(resource(UPLOT + "uPlot.min.css")).append('\n');
        sb.append(resource("dev/jfio/report/html/report.css")).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(escape(title)).append("</h1>\n");
        sb.append("<div id=\"report\"></div>\n");
        sb.append("<pre id=\"checks\" hidden></pre>\n");
        sb.append("<script type=\"application/json\" id=\"data\">")
                .append(modelJson)
                .append("</script>\n");
        sb.append("<script>\n")
                .append(script(resource(UPLOT + "uPlot.iife.min.js")))
                .append("\n</script>\n");
        sb.append("<script>\n")
                .append(script(resource("dev/jfio/report/html/report.js")))
                .append("\n</script>\n");
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    /** A script's text, with any "</script" broken up so that it cannot end the element early. */
    private static String script(String js) {
        return js.replace("</script", "<\\/script");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlPage.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + name + " (a broken build?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + " from the bundle: " + e.getMessage(), e);
        }
    }
}
