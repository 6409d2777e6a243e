package dev.voiceotp.sandbox.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses answer XML with the JDK's DOM parser, hardened: the XML comes from whatever URL a caller named, so DOCTYPEs
 * (and with them external entities and entity expansion bombs) are refused outright.
 */
public final class PlivoXml {

    /**
     * Builders not in use, reset to their configuration (a builder is not thread-safe, but reusable after
     * {@code reset()}). At most as many as parses ever ran at once; a builder whose parse failed is dropped.
     */
    private static final Queue<DocumentBuilder> IDLE_BUILDERS = new ConcurrentLinkedQueue<>();
    /** Throws on fatal errors (the SAX default), prints nothing. Stateless, so shared. */
    private static final DefaultHandler QUIET_ERRORS = new DefaultHandler();

    private PlivoXml() {
    }

    public static PlivoResponse parse(byte[] xml) throws PlivoXmlException {
        Element root = parseDocument(xml).getDocumentElement();
        if (!root.getTagName().equals("Response")) {
            throw new PlivoXmlException("root element is <" + root.getTagName() + ">, expected <Response>");
        }
        return new PlivoResponse(instructions(root));
    }

    private static List<Instruction> instructions(Element parent) {
        List<Instruction> instructions = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                instructions.add(instruction((Element) children.item(i)));
            }
        }
        return List.copyOf(instructions);
    }

    private static Instruction instruction(Element element) {
        return switch (element.getTagName()) {
            case "Speak" -> new Instruction.Speak(SsmlText.of(element), attribute(element, "voice"),
                    attribute(element, "language"), number(element, "loop", 1));
            case "Wait" -> new Instruction.Wait(number(element, "length", 1));
            case "Hangup" -> new Instruction.Hangup(attribute(element, "reason"));
            case "GetDigits" -> getDigits(element);
            case "Redirect" -> new Instruction.Redirect(element.getTextContent().trim(), attribute(element, "method"));
            default -> new Instruction.Unsupported(element.getTagName());
        };
    }

    private static Instruction.GetDigits getDigits(Element element) {
        String finishOnKey = attribute(element, "finishOnKey");
        String validDigits = attribute(element, "validDigits");
        return new Instruction.GetDigits(attribute(element, "action"), attribute(element, "method"),
                number(element, "timeout", 5), finishOnKey == null ? "#" : finishOnKey,
                number(element, "numDigits", 99), Math.max(1, number(element, "retries", 1)),
                !"false".equalsIgnoreCase(attribute(element, "redirect")),
                validDigits == null ? Instruction.GetDigits.DEFAULT_VALID_DIGITS : validDigits, instructions(element));
    }

    private static @Nullable String attribute(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }

    private static int number(Element element, String name, int fallback) {
        try {
            return element.hasAttribute(name) ? Integer.parseInt(element.getAttribute(name).trim()) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Document parseDocument(byte[] xml) throws PlivoXmlException {
        DocumentBuilder builder = IDLE_BUILDERS.poll();
        try {
            if (builder == null) {
                builder = hardenedFactory().newDocumentBuilder();
            }
            // each time: reset() may put back the default handler, which prints fatal errors to stderr before throwing
            builder.setErrorHandler(QUIET_ERRORS);
            Document document = builder.parse(new ByteArrayInputStream(xml));
            builder.reset();
            IDLE_BUILDERS.offer(builder);
            return document;
        } catch (SAXParseException e) {
            throw new PlivoXmlException("not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new PlivoXmlException("unreadable XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses its hardened configuration", e);
        }
    }

    /**
     * A factory per builder: factories are not thread-safe. Not per parse: each {@code setFeature} builds a whole
     * parser to check the feature, which made up 8-9 % of the sandbox's CPU per call.
     */
    private static DocumentBuilderFactory hardenedFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}
