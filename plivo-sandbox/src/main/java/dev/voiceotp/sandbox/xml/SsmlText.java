package dev.voiceotp.sandbox.xml;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The words a {@code <Speak>} element makes heard, from its text and SSML: tags are dropped, {@code <sub alias>}
 * is heard as its alias, a spelled-out {@code <say-as>} is heard as its characters run together (so a code reads
 * {@code 042917} however it was spaced), and pauses and sentence or paragraph edges separate words. Whitespace
 * collapses to single spaces.
 */
final class SsmlText {

    private static final Set<String> SPELLED_OUT = Set.of("spell-out", "digits", "characters");
    private static final Set<String> WORD_BOUNDARIES = Set.of("break", "s", "p");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SsmlText() {
    }

    static String of(Element speak) {
        StringBuilder text = new StringBuilder();
        appendChildren(speak, text);
        return collapse(text);
    }

    private static void appendChildren(Node parent, StringBuilder text) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            switch (child.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(child.getNodeValue());
                case Node.ELEMENT_NODE -> appendElement((Element) child, text);
                default -> {
                    // comments and processing instructions are not spoken
                }
            }
        }
    }

    private static void appendElement(Element element, StringBuilder text) {
        String name = element.getTagName();
        if (WORD_BOUNDARIES.contains(name)) {
            text.append(' ');
            appendChildren(element, text);
            text.append(' ');
        } else if (name.equals("sub") && element.hasAttribute("alias")) {
            text.append(element.getAttribute("alias"));
        } else if (name.equals("say-as") && isSpelledOut(element)) {
            text.append(WHITESPACE.matcher(element.getTextContent()).replaceAll(""));
        } else {
            appendChildren(element, text);
        }
    }

    private static boolean isSpelledOut(Element sayAs) {
        return SPELLED_OUT.contains(sayAs.getAttribute("interpret-as").trim().toLowerCase(Locale.ROOT));
    }

    private static String collapse(CharSequence text) {
        return WHITESPACE.matcher(text).replaceAll(" ").trim();
    }
}
