package dev.polity.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the generated HTML pages and SVG charts back with the JDK's XML parser, so that tests assert on their
 * elements rather than search their text. A page that is not well-formed fails the test with the parser's message.
 */
public final class Xhtml {
    /** Attributes whose value is a number or a list of numbers in user units. */
    private static final Pattern NUMERIC = Pattern.compile("x|y|x1|x2|y1|y2|cx|cy|r|width|height|stroke-width|fill-opacity|font-size|points|viewBox|d|transform");
    private static final Pattern ASCII_NUMBERS = Pattern.compile("[-0-9., MLrotate()]*");

    private Xhtml() {
    }

    /** A whole page (or a lone SVG) as an XML document. */
    public static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    /** An HTML fragment (several elements, no page around them), inside a {@code <div>}. */
    public static Element fragment(String html) {
        return parse("<div>" + html + "</div>").getDocumentElement();
    }

    /** Every element named {@code tag} below {@code root}, in document order. */
    public static List<Element> all(Node root, String tag) {
        NodeList list = root instanceof Document d ? d.getElementsByTagName(tag) : ((Element) root).getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /** The charts below {@code root} whose class list holds {@code cssClass}. */
    public static List<Element> charts(Node root, String cssClass) {
        return all(root, "svg").stream().filter(s -> List.of(s.getAttribute("class").split(" ")).contains(cssClass)).toList();
    }

    /** The one chart below {@code root} of that class. */
    public static Element chart(Node root, String cssClass) {
        List<Element> found = charts(root, cssClass);
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " charts of class " + cssClass);
        }
        return found.get(0);
    }

    /** Elements {@code tag} below {@code root} with that class. */
    public static List<Element> withClass(Node root, String tag, String cssClass) {
        return all(root, tag).stream().filter(e -> List.of(e.getAttribute("class").split(" ")).contains(cssClass)).toList();
    }

    /** The tooltip of an element: the text of its {@code <title>} child, or null. */
    public static String tip(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals("title")) {
                return c.getTextContent();
            }
        }
        return null;
    }

    /** The element below {@code root} named {@code tag} whose tooltip is {@code tip}. */
    public static Element byTip(Node root, String tag, String tip) {
        return all(root, tag).stream().filter(e -> tip.equals(tip(e))).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + tag + "> with tooltip '" + tip + "'"));
    }

    public static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    /**
     * Every numeric attribute of every chart below {@code root} in ASCII digits and dots only (no Arabic-Indic
     * digits, no decimal commas); returns how many were checked, so that a test can show it checked something.
     */
    public static int assertAsciiNumbers(Node root) {
        int checked = 0;
        for (Element svg : all(root, "svg")) {
            List<Element> elements = new ArrayList<>(all(svg, "*"));
            elements.add(svg);
            for (Element e : elements) {
                NamedNodeMap attributes = e.getAttributes();
                for (int i = 0; i < attributes.getLength(); i++) {
                    Node a = attributes.item(i);
                    if (NUMERIC.matcher(a.getNodeName()).matches()) {
                        if (!ASCII_NUMBERS.matcher(a.getNodeValue()).matches() || a.getNodeValue().contains(",") && !a.getNodeName().equals("points")) {
                            throw new AssertionError("<" + e.getTagName() + " " + a.getNodeName() + "=\"" + a.getNodeValue() + "\"> is not in ASCII numbers");
                        }
                        checked++;
                    }
                }
            }
        }
        return checked;
    }
}
