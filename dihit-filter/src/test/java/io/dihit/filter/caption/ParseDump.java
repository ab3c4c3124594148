package io.dihit.filter.caption;

public class ParseDump {
    public static void main(String[] args) throws Exception {
        ClearNlpCaptionParser p = new ClearNlpCaptionParser();
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        String line;
        while ((line = r.readLine()) != null) {
            System.out.println("## " + line);
            CaptionParse parse = p.parse(line);
            SceneGraph g = new SceneGraphBuilder().build(parse);
            System.out.println("   C=" + g.complexity() + " A=" + g.actions() + "  " + g.describe());
            if (System.getenv("DUMP_TOKENS") != null) for (ParsedToken t : parse.tokens()) {
                System.out.println(t.index() + "\t" + t.form() + "\t" + t.lemma() + "\t" + t.pos() + "\t" + t.head() + "\t" + t.deprel());
            }
        }
    }
}
