# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/applies_to_education.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_wttsc = resolve('wttsc')
    l_0_eyfs_framework = resolve('eyfs_framework')
    l_0_partnership = resolve('partnership')
    l_0_kcsie = resolve('kcsie')
    l_0_governing_body = resolve('governing_body')
    l_0_setting_noun = resolve('setting_noun')
    pass
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield str(environment.getattr((undefined(name='wttsc') if l_0_wttsc is missing else l_0_wttsc), 'title'))
        yield ' applies in full to everyone who provides early years education and childcare, registered childminders included. As a registered childminder I also meet the safeguarding and welfare requirements of the '
        yield str(environment.getattr((undefined(name='eyfs_framework') if l_0_eyfs_framework is missing else l_0_eyfs_framework), 'title'))
        yield ', and I follow the local arrangements of '
        yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
        yield '.\n'
    else:
        pass
        yield str(environment.getattr((undefined(name='wttsc') if l_0_wttsc is missing else l_0_wttsc), 'title'))
        yield ' applies in full to all schools, colleges and early years and childcare settings, and we follow it in full'
        if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) in ['early_years']):
            pass
            yield ', together with the safeguarding and welfare requirements of the '
            yield str(environment.getattr((undefined(name='eyfs_framework') if l_0_eyfs_framework is missing else l_0_eyfs_framework), 'title'))
        elif ((undefined(name='setting') if l_0_setting is missing else l_0_setting) != 'unknown'):
            pass
            yield ', together with '
            yield str(environment.getattr((undefined(name='kcsie') if l_0_kcsie is missing else l_0_kcsie), 'title'))
        yield '.\n\n'
        if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'maintained_school'):
            pass
            yield 'The '
            yield str((undefined(name='governing_body') if l_0_governing_body is missing else l_0_governing_body))
            yield ' has the duty under section 175 of the Education Act 2002 to make arrangements to safeguard and promote the welfare of pupils, and it makes sure our procedures match the guidance and the local arrangements of '
            yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
            yield '.\n'
        elif ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'college'):
            pass
            yield 'The '
            yield str((undefined(name='governing_body') if l_0_governing_body is missing else l_0_governing_body))
            yield ' has the duty under section 175 of the Education Act 2002 to make arrangements to safeguard and promote the welfare of the children who study at the college, and it makes sure our procedures match the guidance and the local arrangements of '
            yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
            yield '.\n'
        elif ((undefined(name='setting') if l_0_setting is missing else l_0_setting) in ['academy', 'independent_school']):
            pass
            if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'academy'):
                pass
                yield 'The academy trust, as proprietor,'
            else:
                pass
                yield 'The proprietor'
            yield ' meets the safeguarding standard in paragraph 7 of Part 3 of the Schedule to the Education (Independent School Standards) Regulations 2014: it makes arrangements to safeguard and promote the welfare of pupils, and it makes sure our procedures match the guidance and the local arrangements of '
            yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
            yield '.\n'
        elif ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'early_years'):
            pass
            yield 'The '
            yield str((undefined(name='governing_body') if l_0_governing_body is missing else l_0_governing_body))
            yield ' is responsible for making sure our procedures meet these requirements and match the local arrangements of '
            yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
            yield '.\n'
        else:
            pass
            yield 'Those responsible for the '
            yield str((undefined(name='setting_noun') if l_0_setting_noun is missing else l_0_setting_noun))
            yield ' make sure our procedures match the guidance and the local arrangements of '
            yield str((undefined(name='partnership') if l_0_partnership is missing else l_0_partnership))
            yield '.\n'

blocks = {}
debug_info = '1=18&2=20&4=28&6=39&7=42&8=46&9=49&10=53&11=55&12=64&13=67&15=74'
