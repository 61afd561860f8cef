# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'changes.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_file = resolve('file')
    l_0_school = resolve('school')
    l_0_date = resolve('date')
    l_0_version = resolve('version')
    l_0_edition = resolve('edition')
    l_0_outputs = resolve('outputs')
    l_0_edits = resolve('edits')
    l_0_replacements = resolve('replacements')
    l_0_insertions = resolve('insertions')
    l_0_is_docx = resolve('is_docx')
    l_0_manual = resolve('manual')
    l_0_placeholders = resolve('placeholders')
    l_0_generic_names = resolve('generic_names')
    l_0_tiers = resolve('tiers')
    l_0_information = resolve('information')
    l_0_setting_label = resolve('setting_label')
    l_0_setting_source = resolve('setting_source')
    l_0_has_redline = resolve('has_redline')
    l_0_uncommented = resolve('uncommented')
    l_0_partnership = resolve('partnership')
    l_0_chapters = resolve('chapters')
    l_0_topics = resolve('topics')
    l_0_changes = resolve('changes')
    l_0_suggestions = resolve('suggestions')
    l_0_governing_body = resolve('governing_body')
    l_0_n = missing
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_2 = environment.filters['cell']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'cell' found.")
    try:
        t_3 = environment.filters['code']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'code' found.")
    try:
        t_4 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_5 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '# Change notes: '
    yield str(environment.finalize((undefined(name='file') if l_0_file is missing else l_0_file)))
    yield '\n\n'
    if (undefined(name='school') if l_0_school is missing else l_0_school):
        pass
        yield '**'
        yield str(environment.finalize((undefined(name='school') if l_0_school is missing else l_0_school)))
        yield '** · '
    yield 'Prepared '
    yield str(environment.finalize((undefined(name='date') if l_0_date is missing else l_0_date)))
    yield ' by wttsc-policy '
    yield str(environment.finalize((undefined(name='version') if l_0_version is missing else l_0_version)))
    yield ', checking the policy against *'
    yield str(environment.finalize(environment.getattr((undefined(name='edition') if l_0_edition is missing else l_0_edition), 'title')))
    yield '* ('
    yield str(environment.finalize(environment.getattr((undefined(name='edition') if l_0_edition is missing else l_0_edition), 'short_title')))
    yield ').\n\n'
    if (undefined(name='outputs') if l_0_outputs is missing else l_0_outputs):
        pass
        for (l_1_label, l_1_path) in (undefined(name='outputs') if l_0_outputs is missing else l_0_outputs):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(t_1(l_1_label)))
            yield ': `'
            yield str(environment.finalize(t_3(l_1_path)))
            yield '`\n'
        l_1_label = l_1_path = missing
        yield '\n'
    def macro(l_1_count, l_1_noun, l_1_plural):
        t_6 = []
        if l_1_count is missing:
            l_1_count = undefined("parameter 'count' was not provided", name='count')
        if l_1_noun is missing:
            l_1_noun = undefined("parameter 'noun' was not provided", name='noun')
        if l_1_plural is missing:
            l_1_plural = None
        pass
        t_6.extend((
            str(environment.finalize(l_1_count)),
            ' ',
            str(environment.finalize((l_1_noun if (l_1_count == 1) else (l_1_plural or str_join((l_1_noun, 's', )))))),
        ))
        return concat(t_6)
    context.exported_vars.add('n')
    context.vars['n'] = l_0_n = Macro(environment, macro, 'n', ('count', 'noun', 'plural'), False, False, False, context.eval_ctx.autoescape)
    yield '## Summary for governors\n\n'
    if (undefined(name='edits') if l_0_edits is missing else l_0_edits):
        pass
        yield 'This update proposes **'
        yield str(environment.finalize(environment.call(context, (undefined(name='n') if l_0_n is missing else l_0_n), (undefined(name='edits') if l_0_edits is missing else l_0_edits), 'change')))
        yield '** to bring the policy in line with '
        yield str(environment.finalize(environment.getattr((undefined(name='edition') if l_0_edition is missing else l_0_edition), 'short_title')))
        yield ': '
        yield str(environment.finalize(environment.call(context, (undefined(name='n') if l_0_n is missing else l_0_n), (undefined(name='replacements') if l_0_replacements is missing else l_0_replacements), 'wording update')))
        yield ' (out-of-date references, names and statements of the law) and '
        yield str(environment.finalize(environment.call(context, (undefined(name='n') if l_0_n is missing else l_0_n), (undefined(name='insertions') if l_0_insertions is missing else l_0_insertions), 'new passage')))
        yield ' on topics the guidance expects the policy to cover.\n'
        if (undefined(name='is_docx') if l_0_is_docx is missing else l_0_is_docx):
            pass
            yield 'Every change is a tracked change in the Word document, so the designated safeguarding lead can accept or reject each one, and each carries a comment saying why it was made.'
        else:
            pass
            yield 'The updated file contains every change; the appendix says how to review them one by one.'
        yield '\n\n'
    else:
        pass
        yield 'No change could be made automatically; the items below need a person.\n\n'
    yield '### Must change before approval\n\n'
    if ((undefined(name='manual') if l_0_manual is missing else l_0_manual) or (undefined(name='placeholders') if l_0_placeholders is missing else l_0_placeholders)):
        pass
        yield '- **'
        yield str(environment.finalize(environment.call(context, (undefined(name='n') if l_0_n is missing else l_0_n), (t_5((undefined(name='manual') if l_0_manual is missing else l_0_manual)) + t_5((undefined(name='placeholders') if l_0_placeholders is missing else l_0_placeholders))), 'item')))
        yield ' for the designated safeguarding lead to finish by hand** (details the tool could not know, or passages it could not safely rewrite; listed in the appendix).\n'
    if (undefined(name='generic_names') if l_0_generic_names is missing else l_0_generic_names):
        pass
        yield "- **Name the local bodies.** The tool does not know the school's area, so the new text says "
        yield str(environment.finalize(t_4(context.eval_ctx, (undefined(name='generic_names') if l_0_generic_names is missing else l_0_generic_names), ', ')))
        yield ' in general words; replace '
        yield str(environment.finalize(('it' if (t_5((undefined(name='generic_names') if l_0_generic_names is missing else l_0_generic_names)) == 1) else 'each')))
        yield ' with the real name.\n'
    if ((((undefined(name='manual') if l_0_manual is missing else l_0_manual) or (undefined(name='placeholders') if l_0_placeholders is missing else l_0_placeholders)) or (undefined(name='generic_names') if l_0_generic_names is missing else l_0_generic_names)) and environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'must')):
        pass
        yield '\n'
    if environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'must'):
        pass
        yield 'These statements were wrong or out of date; the tool has corrected them and the corrections should be kept:\n\n'
        for l_1_t in environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'must')[:12]:
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_t, 'title')))
            if (environment.getattr(l_1_t, 'count') > 1):
                pass
                yield ' ('
                yield str(environment.finalize(environment.getattr(l_1_t, 'count')))
                yield ' places)'
            yield '.\n'
        l_1_t = missing
        if (t_5(environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'must')) > 12):
            pass
            yield '- And '
            yield str(environment.finalize(environment.call(context, (undefined(name='n') if l_0_n is missing else l_0_n), (t_5(environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'must')) - 12), 'more topic')))
            yield ', listed in the appendix.\n'
    elif (not (((undefined(name='manual') if l_0_manual is missing else l_0_manual) or (undefined(name='placeholders') if l_0_placeholders is missing else l_0_placeholders)) or (undefined(name='generic_names') if l_0_generic_names is missing else l_0_generic_names))):
        pass
        yield 'Nothing beyond reading and accepting the changes.\n'
    yield '\n### Recommended additions\n\n'
    if environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'recommended'):
        pass
        yield 'New passages on topics the guidance expects the policy to cover:\n\n'
        for l_1_t in environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'recommended')[:12]:
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_t, 'title')))
            if (environment.getattr(l_1_t, 'count') > 1):
                pass
                yield ' ('
                yield str(environment.finalize(environment.getattr(l_1_t, 'count')))
                yield ' places)'
            yield '.\n'
        l_1_t = missing
        if (t_5(environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'recommended')) > 12):
            pass
            yield '- And '
            yield str(environment.finalize(environment.call(context, (undefined(name='n') if l_0_n is missing else l_0_n), (t_5(environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'recommended')) - 12), 'more topic')))
            yield ', listed in the appendix.\n'
    else:
        pass
        yield 'None.\n'
    yield '\n### For information\n\n'
    if (environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'information') or (undefined(name='information') if l_0_information is missing else l_0_information)):
        pass
        for l_1_t in environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'information')[:12]:
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(environment.getattr(l_1_t, 'title')))
            if (environment.getattr(l_1_t, 'count') > 1):
                pass
                yield ' ('
                yield str(environment.finalize(environment.getattr(l_1_t, 'count')))
                yield ' places)'
            yield '.\n'
        l_1_t = missing
        if (t_5(environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'information')) > 12):
            pass
            yield '- And '
            yield str(environment.finalize(environment.call(context, (undefined(name='n') if l_0_n is missing else l_0_n), (t_5(environment.getattr((undefined(name='tiers') if l_0_tiers is missing else l_0_tiers), 'information')) - 12), 'more topic')))
            yield ', listed in the appendix.\n'
        if (undefined(name='information') if l_0_information is missing else l_0_information):
            pass
            yield '- '
            yield str(environment.finalize(environment.call(context, (undefined(name='n') if l_0_n is missing else l_0_n), t_5((undefined(name='information') if l_0_information is missing else l_0_information)), 'note')))
            yield ' about guidance that is changing or not yet settled (see the appendix); the tool changed nothing for '
            yield str(environment.finalize(('it' if (t_5((undefined(name='information') if l_0_information is missing else l_0_information)) == 1) else 'them')))
            yield '.\n'
    else:
        pass
        yield 'Nothing further.\n'
    yield "\n### What the tool did not check\n\n- Local contact details: names, telephone numbers, email addresses and web links.\n- Whether the policy describes what staff actually do day to day.\n- The other policies this one refers to (for example behaviour, online safety or staff conduct).\n- Guidance published after the tool's data was last updated, and local procedures of the safeguarding partnership.\n\n## Appendix for the designated safeguarding lead\n\n"
    if (undefined(name='setting_label') if l_0_setting_label is missing else l_0_setting_label):
        pass
        yield 'Kind of setting the new text is written for: '
        yield str(environment.finalize((undefined(name='setting_label') if l_0_setting_label is missing else l_0_setting_label)))
        yield ' ('
        yield str(environment.finalize((undefined(name='setting_source') if l_0_setting_source is missing else l_0_setting_source)))
        yield ').\n\n'
    if ((not (undefined(name='is_docx') if l_0_is_docx is missing else l_0_is_docx)) and (undefined(name='edits') if l_0_edits is missing else l_0_edits)):
        pass
        if (undefined(name='has_redline') if l_0_has_redline is missing else l_0_has_redline):
            pass
            yield 'The redline file marks each change, with the reason beside it, so it can be reviewed before the updated file is adopted.'
        else:
            pass
            yield 'To review the changes one by one, compare the updated file with the original (for example with `git diff`) or run the update again with `--redline` for a marked-up copy.'
        yield '\n\n'
    if (undefined(name='uncommented') if l_0_uncommented is missing else l_0_uncommented):
        pass
        yield 'Word cannot hold comments in page headers and footers, so the comments for those changes sit on the first paragraph of the document.\n\n'
    if (undefined(name='partnership') if l_0_partnership is missing else l_0_partnership):
        pass
        yield '### Local safeguarding partnership\n\nThe new text names **'
        yield str(environment.finalize(environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'name')))
        yield '**'
        if environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'local_authority'):
            pass
            yield ' as the local safeguarding partnership for '
            yield str(environment.finalize(environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'local_authority')))
        if environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'website'):
            pass
            yield ' ('
            yield str(environment.finalize(environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'website')))
            yield ')'
        yield '.\n'
        if environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'source'):
            pass
            yield 'The name comes from '
            yield str(environment.finalize(environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'source')))
            if environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'as_of'):
                pass
                yield ", in wttsc-policy's partnership data as of "
                yield str(environment.finalize(environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'as_of')))
            if environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'confidence'):
                pass
                yield ' (confidence: '
                yield str(environment.finalize(environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'confidence')))
                yield ')'
            yield '.\n'
        else:
            pass
            yield "The name was set in the school's configuration.\n"
        if environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'inferred_from'):
            pass
            yield '\nThe local authority was not configured: '
            yield str(environment.finalize(environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'inferred_from')))
            yield '. Set `local_authority` in `wttsc-policy.toml` if this is wrong.\n'
        if (environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'confidence') and (environment.getattr((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership), 'confidence') != 'high')):
            pass
            yield "\nPlease confirm the partnership's current name on its website before the policy is approved.\n"
        yield '\n'
    if (undefined(name='chapters') if l_0_chapters is missing else l_0_chapters):
        pass
        yield '### Changes by part of the guidance\n\n| Part of the guidance | Changes |\n| --- | ---: |\n'
        for (l_1_chapter, l_1_count) in (undefined(name='chapters') if l_0_chapters is missing else l_0_chapters):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_2(l_1_chapter)))
            yield ' | '
            yield str(environment.finalize(l_1_count))
            yield ' |\n'
        l_1_chapter = l_1_count = missing
        yield '| **Total** | **'
        yield str(environment.finalize((undefined(name='edits') if l_0_edits is missing else l_0_edits)))
        yield '** |\n\n'
    if (undefined(name='topics') if l_0_topics is missing else l_0_topics):
        pass
        yield '### What changed and why\n\n'
        for l_1_t in (undefined(name='topics') if l_0_topics is missing else l_0_topics):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(environment.getattr(l_1_t, 'title')))
            yield '** ('
            yield str(environment.finalize(environment.getattr(l_1_t, 'rule')))
            if (environment.getattr(l_1_t, 'count') > 1):
                pass
                yield ', '
                yield str(environment.finalize(environment.getattr(l_1_t, 'count')))
                yield ' places'
            yield '). '
            yield str(environment.finalize(environment.getattr(l_1_t, 'why')))
            yield ' *Source: '
            yield str(environment.finalize(environment.getattr(l_1_t, 'source')))
            yield '.*\n'
        l_1_t = missing
        yield '\n'
    if (undefined(name='changes') if l_0_changes is missing else l_0_changes):
        pass
        yield '### Every change\n\n| # | Where | Change | Old text | New text | Rule | Source |\n| ---: | --- | --- | --- | --- | --- | --- |\n'
        for l_1_c in (undefined(name='changes') if l_0_changes is missing else l_0_changes):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_c, 'number')))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_c, 'where'))))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_c, 'what')))
            if environment.getattr(l_1_c, 'uncommented'):
                pass
                yield ' (comment on the first paragraph)'
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_c, 'old'))))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_c, 'new'))))
            yield ' | '
            yield str(environment.finalize(t_4(context.eval_ctx, environment.getattr(l_1_c, 'rules'), ', ')))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_c, 'source'))))
            yield ' |\n'
        l_1_c = missing
        yield '\n'
    yield '### What needs a person\n\n'
    if (undefined(name='placeholders') if l_0_placeholders is missing else l_0_placeholders):
        pass
        yield "#### Details to fill in\n\nThe new text contains placeholders in square brackets. Replace each one with the school's own details in the document, or set the value in `wttsc-policy.toml` and run the update again.\n\n| Fill in | In changes | Config key |\n| --- | --- | --- |\n"
        for l_1_p in (undefined(name='placeholders') if l_0_placeholders is missing else l_0_placeholders):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(t_2(environment.getattr(l_1_p, 'placeholder'))))
            yield ' | '
            yield str(environment.finalize(t_4(context.eval_ctx, environment.getattr(l_1_p, 'numbers'), ', ')))
            yield ' | '
            if environment.getattr(l_1_p, 'key'):
                pass
                yield '`'
                yield str(environment.finalize(t_3(environment.getattr(l_1_p, 'key'))))
                yield '`'
            else:
                pass
                yield '—'
            yield ' |\n'
        l_1_p = missing
        yield '\n'
    if (undefined(name='manual') if l_0_manual is missing else l_0_manual):
        pass
        yield '#### Not changed automatically\n\nThese findings were not edited by the tool. Please review each one and update the policy by hand.\n\n| Rule | Where | Current text | What to do | Why it was not edited |\n| --- | --- | --- | --- | --- |\n'
        for l_1_m in (undefined(name='manual') if l_0_manual is missing else l_0_manual):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_m, 'rule')))
            yield ' '
            yield str(environment.finalize(t_2(environment.getattr(l_1_m, 'title'))))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_m, 'where'))))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_m, 'text'))))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_m, 'message'))))
            yield ' | '
            yield str(environment.finalize(t_2(environment.getattr(l_1_m, 'why'))))
            yield ' |\n'
        l_1_m = missing
        yield '\n'
    if (undefined(name='suggestions') if l_0_suggestions is missing else l_0_suggestions):
        pass
        yield '### Suggested additions\n\nThese topics are missing from the policy, but adding them all would make it much longer, so they were not inserted. They are listed most important first; add the ones the school needs, in its own words or using the suggested text.\n\n'
        for l_1_s in (undefined(name='suggestions') if l_0_suggestions is missing else l_0_suggestions):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(environment.getattr(l_1_s, 'title')))
            yield '** ('
            yield str(environment.finalize(t_4(context.eval_ctx, environment.getattr(l_1_s, 'rules'), ', ')))
            yield '; '
            yield str(environment.finalize(environment.getattr(l_1_s, 'words')))
            yield ' words, '
            yield str(environment.finalize(environment.getattr(l_1_s, 'where')))
            yield '). *Source: '
            yield str(environment.finalize(environment.getattr(l_1_s, 'source')))
            yield '.*\n\n'
            for l_2_line in environment.call(context, environment.getattr(environment.getattr(l_1_s, 'text'), 'split'), '\n\n', _loop_vars=_loop_vars):
                _loop_vars = {}
                pass
                yield '  > '
                yield str(environment.finalize(l_2_line))
                yield '\n'
            l_2_line = missing
            yield '\n'
        l_1_s = missing
    if ((not (undefined(name='placeholders') if l_0_placeholders is missing else l_0_placeholders)) and (not (undefined(name='manual') if l_0_manual is missing else l_0_manual))):
        pass
        yield 'Nothing: every finding was handled by a tracked change. Please still read the changes before accepting them.\n\n'
    if (undefined(name='information') if l_0_information is missing else l_0_information):
        pass
        yield '#### For information: guidance not yet settled\n\nThe tool changed nothing for these; they are for the designated safeguarding lead to know and check.\n\n'
        for l_1_note in (undefined(name='information') if l_0_information is missing else l_0_information):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(l_1_note))
            yield '\n'
        l_1_note = missing
        yield '\n'
    yield '### Next steps\n\n1. The designated safeguarding lead reads each change'
    if (undefined(name='is_docx') if l_0_is_docx is missing else l_0_is_docx):
        pass
        yield ' in Word (Review > Next change) and accepts or rejects it'
    yield ', checking it fits the school and the local arrangements.\n'
    if (undefined(name='placeholders') if l_0_placeholders is missing else l_0_placeholders):
        pass
        yield '2. Fill in the details listed above, so no square-bracket placeholder is left in the policy.\n'
    else:
        pass
        yield "2. Check that names of local bodies and contacts are current for the school's area.\n"
    yield '3. '
    if (undefined(name='manual') if l_0_manual is missing else l_0_manual):
        pass
        yield 'Update the passages listed under "Not changed automatically" by hand.'
    else:
        pass
        yield 'Read the whole policy once more for anything the tool could not judge.'
    yield "\n4. Add a row to the policy's version history, then present the updated policy to the "
    yield str(environment.finalize((undefined(name='governing_body') if l_0_governing_body is missing else l_0_governing_body)))
    yield ' for approval.\n5. Brief all staff, using the section below.\n\n'
    try:
        template = environment.get_template('pack/briefing.md.j2', 'changes.md.j2')
    except TemplateNotFound:
        pass
    else:
        gen = template.root_render_func(template.new_context(context.get_all(), True, {'n': l_0_n}))
        try:
            for event in gen:
                yield event
        finally: gen.close()

blocks = {}
debug_info = '1=68&3=70&5=84&6=86&7=90&11=96&14=114&15=117&16=125&25=136&26=139&28=141&29=144&31=148&34=151&37=154&38=158&40=166&41=169&43=171&49=175&52=178&53=182&55=190&56=193&64=199&65=201&66=205&68=213&69=216&71=218&72=221&87=229&88=232&91=236&92=238&96=245&100=248&103=251&104=263&105=266&109=280&111=283&113=285&119=289&124=292&125=296&127=302&130=304&133=307&134=311&138=326&143=329&144=333&150=353&157=356&158=360&162=375&169=378&170=382&174=396&179=399&180=403&182=413&183=417&188=422&191=425&196=428&197=432&203=437&204=441&209=448&211=455&214=458'
