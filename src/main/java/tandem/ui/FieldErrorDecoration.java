package tandem.ui;

import java.util.List;
import java.util.Collection;
import javafx.geometry.Pos;
import org.controlsfx.control.decoration.Decoration;
import org.controlsfx.control.decoration.GraphicDecoration;
import org.controlsfx.control.decoration.StyleClassDecoration;
import org.controlsfx.validation.Severity;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

/**
 * ControlsFX's error marker, moved inside the right end of the field (the default corner would cover the message
 * line below it), plus a style class that tints the field's border.
 */
public final class FieldErrorDecoration extends GraphicValidationDecoration {
    @Override
    protected Collection<Decoration> createValidationDecorations(ValidationMessage message) {
        String styleClass = message.getSeverity() == Severity.ERROR ? "field-error" : "field-warning";
        return List.of(new GraphicDecoration(createDecorationNode(message), Pos.CENTER_RIGHT, -11, 0),
                new StyleClassDecoration(styleClass));
    }
}
