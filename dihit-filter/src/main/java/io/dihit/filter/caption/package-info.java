/** Caption analysis for CAT: ClearNLP dependency parses turned into scene graphs (objects, attributes, actions) and complexity. */
package io.dihit.filter.caption;
