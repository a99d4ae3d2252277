package io.ballast.server.config;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/**
 * Where a key sits in the configuration: as people read it ({@code regions[1].code},
 * {@code indicators.foreign-investment.settings.fdi.upper}) and as a JSON pointer into the tree, whose segments keep a
 * parameter name with dots whole.
 */
record KeyPath(String text, JsonPointer pointer) {

    static final KeyPath ROOT = new KeyPath("", JsonPointer.empty());

    /** The path of a binding failure, from the references Jackson collected on the way down. */
    static KeyPath of(List<JsonMappingException.Reference> references) {
        KeyPath at = ROOT;
        for (JsonMappingException.Reference ref : references) {
            at = ref.getFieldName() != null ? at.key(ref.getFieldName()) : at.index(ref.getIndex());
        }
        return at;
    }

    /** A key below this one. */
    KeyPath key(String name) {
        return new KeyPath(text.isEmpty() ? name : text + "." + name, pointer.appendProperty(name));
    }

    /** An entry of the list at this path. */
    KeyPath index(int index) {
        return new KeyPath(text + "[" + index + "]", pointer.appendIndex(index));
    }

    /**
     * A key given relative to this one, as a dotted path of component names with list indexes
     * ({@code alerts.rules[2].below}); never of user-chosen names, which may hold dots.
     */
    KeyPath resolve(String dotted) {
        KeyPath at = this;
        for (String part : dotted.split("\\.")) {
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (!name.isEmpty()) {
                at = at.key(name);
            }
            for (int i = bracket; i >= 0; i = part.indexOf('[', i + 1)) {
                at = at.index(Integer.parseInt(part.substring(i + 1, part.indexOf(']', i))));
            }
        }
        return at;
    }
}
