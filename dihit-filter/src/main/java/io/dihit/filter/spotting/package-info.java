/** Text spotting interfaces and the caption-to-spotted-text matcher behind CAT's T. */
package io.dihit.filter.spotting;
