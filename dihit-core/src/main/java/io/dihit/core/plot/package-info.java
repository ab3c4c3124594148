/** Small headless Java2D line charts for loss curves and reports (PNG). */
package io.dihit.core.plot;
